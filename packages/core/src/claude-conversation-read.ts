import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { z } from 'zod'

/**
 * What one line of a Claude Code transcript (`<id>.jsonl`) must look like for us to use it. The format
 * belongs to Claude Code (2.1.330 writes user/assistant entries among many others: attachments,
 * queue operations, api requests, cost state…); only the fields read here are checked, the rest ignored.
 */
const ContentBlockSchema = z.object({ type: z.string(), text: z.string().optional() })
const EntrySchema = z.object({
  type: z.string(),
  isSidechain: z.boolean().optional(),
  isMeta: z.boolean().optional(),
  isCompactSummary: z.boolean().optional(),
  message: z
    .object({
      id: z.string().optional(),
      content: z.union([z.string(), z.array(ContentBlockSchema)]).optional(),
    })
    .optional(),
})
type Entry = z.infer<typeof EntrySchema>

/** What a transcript says about its conversation, read in one bounded pass. */
export interface TranscriptSummary {
  /** The first prompt the user typed (whitespace collapsed), or null when it has none. */
  firstPrompt: string | null
  /** User prompts plus assistant messages (tool results and the CLI's own entries not counted). */
  messageCount: number
  /** True when the file was bigger than the read cap: messageCount counts only its head. */
  truncated: boolean
}

export interface ReadTranscriptOptions {
  /** Bytes read at most (a transcript can reach hundreds of MB); default 8 MiB. */
  maxBytes?: number
}

export const DEFAULT_TRANSCRIPT_READ_BYTES = 8 * 1024 * 1024

// Lines without either marker can't be a message: skip them without parsing (most of a transcript).
const MESSAGE_MARKER = /"type":"(user|assistant)"/

/**
 * Reads a transcript's first prompt and message count, defensively: each line is parsed and checked
 * on its own, lines that don't parse (or were cut by the read cap) are skipped, at most `maxBytes` read.
 */
export async function readTranscriptSummary(
  path: string,
  options: ReadTranscriptOptions = {},
): Promise<TranscriptSummary> {
  const maxBytes = options.maxBytes ?? DEFAULT_TRANSCRIPT_READ_BYTES
  const stream = createReadStream(path, { encoding: 'utf8', start: 0, end: maxBytes - 1 })
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })
  let firstPrompt: string | null = null
  let messageCount = 0
  let lastAssistantId: string | undefined
  let truncated = false
  try {
    for await (const line of lines) {
      if (!MESSAGE_MARKER.test(line)) continue
      const entry = parseEntry(line)
      if (!entry || entry.isSidechain || entry.isMeta) continue
      if (entry.type === 'assistant') {
        // The CLI writes one line per content block of a message: count the message once.
        const id = entry.message?.id
        if (id === undefined || id !== lastAssistantId) messageCount++
        lastAssistantId = id
      } else if (entry.type === 'user') {
        const text = promptText(entry)
        if (text === null) continue
        messageCount++
        if (firstPrompt === null && !entry.isCompactSummary) firstPrompt = text
      }
    }
    // The read stopped at the cap (a file of exactly maxBytes counts as cut: harmless).
    truncated = stream.bytesRead >= maxBytes
  } finally {
    lines.close()
    stream.destroy()
  }
  return { firstPrompt, messageCount, truncated }
}

function parseEntry(line: string): Entry | undefined {
  try {
    const parsed = EntrySchema.safeParse(JSON.parse(line))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** A user entry's typed text; null for tool results and the CLI's own wrapped entries. */
function promptText(entry: Entry): string | null {
  const content = entry.message?.content
  const text =
    typeof content === 'string'
      ? content
      : (content ?? [])
          .filter((b) => b.type === 'text' && b.text !== undefined)
          .map((b) => b.text)
          .join(' ')
  const collapsed = text.replace(/\s+/g, ' ').trim()
  if (collapsed === '') return null
  // The CLI wraps what it records itself in hyphenated tags (<command-name>, <local-command-stdout>,
  // <system-reminder>, <bash-input>…); a prompt that merely starts with "<div>" is the user's.
  const tag = /^<([a-z]+(?:-[a-z]+)+)>/.exec(collapsed)?.[1]
  if (tag === undefined) return collapsed
  if (tag.startsWith('command-')) {
    const command = inner(collapsed, 'command-name')
    return command ? `${command} ${inner(collapsed, 'command-args')}`.trim() : null
  }
  if (tag === 'bash-input') return `! ${inner(collapsed, 'bash-input')}`.trim()
  return null
}

/** The text inside `<tag>…</tag>`, trimmed; '' when absent. */
function inner(text: string, tag: string): string {
  return new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(text)?.[1]?.trim() ?? ''
}
