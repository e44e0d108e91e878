import { readTranscriptSummary } from './claude-conversation-read.js'
import {
  type ClaudeConversation,
  conversationOf,
  DEFAULT_CONVERSATIONS_LISTED,
  type ListClaudeConversationsOptions,
} from './claude-conversations.js'
import { claudeTranscriptFiles } from './claude-transcripts.js'

/** How much of each transcript is read to tell whether it has a typed prompt (page counts). */
const PROMPT_PROBE_BYTES = 64 * 1024

export interface ClaudeConversationPageOptions
  extends Pick<ListClaudeConversationsOptions, 'maxBytes'> {
  /** 1-based; clamped to the pages there are. Default 1. */
  page?: number
  /** Conversations per page; default 10. */
  pageSize?: number
}

export interface ClaudeConversationPage {
  /** This page's conversations, newest first. */
  conversations: ClaudeConversation[]
  /** The page shown (1-based, clamped), and how many there are (at least 1). */
  page: number
  pageCount: number
  /** Conversations in all pages. */
  total: number
}

/**
 * One page of the conversations `listClaudeConversations` lists (newest first). Only the head of
 * each transcript is read to count them (is there a typed prompt?); only the page's are read whole.
 */
export async function pageClaudeConversations(
  claudeConfigDir: string,
  workingDirectory: string,
  options: ClaudeConversationPageOptions = {},
): Promise<ClaudeConversationPage> {
  const pageSize = Math.max(1, Math.floor(options.pageSize ?? DEFAULT_CONVERSATIONS_LISTED))
  const files = await claudeTranscriptFiles(claudeConfigDir, workingDirectory)
  const listed = []
  for (const file of files) {
    const head = await readTranscriptSummary(file.path, { maxBytes: PROMPT_PROBE_BYTES }).catch(
      () => null,
    )
    if (head?.firstPrompt) listed.push(file)
  }
  const pageCount = Math.max(1, Math.ceil(listed.length / pageSize))
  const page = Math.min(pageCount, Math.max(1, Math.floor(options.page ?? 1)))
  const read = { ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) }
  const conversations: ClaudeConversation[] = []
  for (const file of listed.slice((page - 1) * pageSize, page * pageSize)) {
    const conversation = await conversationOf(file, read)
    if (conversation) conversations.push(conversation)
  }
  return { conversations, page, pageCount, total: listed.length }
}
