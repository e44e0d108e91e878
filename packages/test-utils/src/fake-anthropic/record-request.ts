import { z } from 'zod'
import type { RecordedRequest } from './types.js'

const BlockSchema = z.looseObject({ type: z.string(), text: z.string().optional() })
const ContentSchema = z.union([z.string(), z.array(BlockSchema)])
const MessageSchema = z.looseObject({ role: z.string(), content: ContentSchema })
const BodySchema = z.looseObject({
  model: z.string().optional(),
  stream: z.boolean().optional(),
  system: ContentSchema.optional(),
  messages: z.array(MessageSchema).optional(),
  tools: z.array(z.unknown()).optional(),
})
type Content = z.infer<typeof ContentSchema>
type Block = z.infer<typeof BlockSchema>

const REMINDER = '<system-reminder>'
// Markers the CLI writes into the conversation itself (after an interrupt; beside an image block it
// was sent, naming where it saved the image), not the user's words.
const CLI_MARKER = /^\[(Request interrupted by user|Image: source: )[^\]]*\]$/

/** Parses a raw body into a RecordedRequest; a body that isn't a Messages request yields empty fields. */
export function recordRequest(
  url: string,
  headers: RecordedRequest['headers'],
  rawBody: string,
): RecordedRequest {
  const json = parseJson(rawBody)
  const parsed = BodySchema.safeParse(json)
  const body = parsed.success ? parsed.data : {}
  const messages = body.messages ?? []
  const lastUser = messages.findLast((m) => m.role === 'user')
  const toolResults = blocksOf(lastUser?.content).filter((b) => b.type === 'tool_result')
  const prompts = lastUser ? promptBlocks(lastUser.content) : []
  const lastUserText = prompts.join('\n')
  const hasToolResult = toolResults.length > 0
  return {
    path: url.split('?')[0] ?? url,
    url,
    headers,
    body: json,
    model: body.model,
    stream: body.stream === true,
    systemText: blocksOf(body.system)
      .map((b) => b.text ?? '')
      .join('\n'),
    lastUserText,
    prompt: prompts.at(-1) ?? '',
    hasToolResult,
    toolResultText: toolResults.map((b) => contentText(b.content)).join('\n'),
    messages,
    isSideRequest: (body.tools?.length ?? 0) === 0 || (!hasToolResult && lastUserText === ''),
  }
}

/** The user's own words in a message: trimmed text blocks, without CLI-injected reminders and markers. */
export function promptBlocks(content: Content): string[] {
  return blocksOf(content)
    .filter((b) => b.type === 'text')
    .map((b) => (b.text ?? '').trim())
    .filter((t) => t !== '' && !t.startsWith(REMINDER) && !CLI_MARKER.test(t))
}

function blocksOf(content: Content | undefined): Block[] {
  if (content === undefined) return []
  return typeof content === 'string' ? [{ type: 'text', text: content }] : content
}

// tool_result content is a string or an array of text/image blocks.
function contentText(content: unknown): string {
  const parsed = ContentSchema.safeParse(content)
  if (!parsed.success) return ''
  return blocksOf(parsed.data)
    .map((b) => b.text ?? '')
    .join('\n')
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw)
  } catch {
    return undefined
  }
}
