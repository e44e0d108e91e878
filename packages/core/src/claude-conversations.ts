import { type ReadTranscriptOptions, readTranscriptSummary } from './claude-conversation-read.js'
import { type ClaudeTranscriptFile, claudeTranscriptFiles } from './claude-transcripts.js'

/** One Claude Code conversation recorded for a working directory (by the CLI, anywhere on this machine). */
export interface ClaudeConversation {
  /** The Claude Code session id: what `--resume` takes. */
  id: string
  /** When the conversation was last written to (the transcript's mtime). */
  updatedAt: Date
  /** The first prompt typed in it (whitespace collapsed, not shortened). */
  firstPrompt: string
  /** User prompts plus assistant messages; a lower bound when `countIsPartial`. */
  messageCount: number
  /** The transcript was bigger than the read cap, so only its head was counted. */
  countIsPartial: boolean
}

export interface ListClaudeConversationsOptions extends ReadTranscriptOptions {
  /** Conversations returned at most (newest first); default 10. */
  limit?: number
}

export const DEFAULT_CONVERSATIONS_LISTED = 10

/**
 * The conversations Claude Code recorded for `workingDirectory` under `claudeConfigDir`
 * (`resolveClaudeConfigDir()`), newest first, at most `limit`. Read-only and defensive: transcripts
 * with no typed prompt (nothing to continue) or that can't be read are left out.
 */
export async function listClaudeConversations(
  claudeConfigDir: string,
  workingDirectory: string,
  options: ListClaudeConversationsOptions = {},
): Promise<ClaudeConversation[]> {
  const limit = options.limit ?? DEFAULT_CONVERSATIONS_LISTED
  const files = await claudeTranscriptFiles(claudeConfigDir, workingDirectory)
  const found: ClaudeConversation[] = []
  for (const file of files) {
    if (found.length >= limit) break
    const conversation = await conversationOf(file, options)
    if (conversation) found.push(conversation)
  }
  return found
}

/** One recorded conversation of `workingDirectory` by id, or null when the CLI has none by that id. */
export async function findClaudeConversation(
  claudeConfigDir: string,
  workingDirectory: string,
  id: string,
  options: ReadTranscriptOptions = {},
): Promise<ClaudeConversation | null> {
  const files = await claudeTranscriptFiles(claudeConfigDir, workingDirectory)
  const file = files.find((f) => f.id === id)
  return file ? conversationOf(file, options) : null
}

/** A transcript as a conversation; null when it has no typed prompt or can't be read. */
export async function conversationOf(
  file: ClaudeTranscriptFile,
  options: ReadTranscriptOptions,
): Promise<ClaudeConversation | null> {
  const summary = await readTranscriptSummary(file.path, options).catch(() => null)
  if (!summary?.firstPrompt) return null
  return {
    id: file.id,
    updatedAt: new Date(file.mtimeMs),
    firstPrompt: summary.firstPrompt,
    messageCount: summary.messageCount,
    countIsPartial: summary.truncated,
  }
}
