import { defaultResponder, type Responder } from '@switchboard/test-utils'

/** The prompt the big-answer responder answers with `bigAnswer()`. */
export const BIG_PROMPT = 'BIG ANSWER'

/** A deterministic Markdown answer of about `bytes` bytes: headings, prose, lists, code, non-ASCII. */
export function bigAnswer(bytes = 5 * 1024 * 1024): string {
  const parts: string[] = []
  let size = 0
  for (let i = 1; size < bytes; i++) {
    const section = [
      `## Section ${i}`,
      `Paragraph ${i} explains **one thing** with \`inline code\`, a [link](https://example.com/${i}) and some “typographic” text — naïve café, 日本語, 🚀.`,
      `- item ${i}.1 with *emphasis*\n- item ${i}.2 < 3 & > 1`,
      `\`\`\`ts\nexport const value${i} = ${i} * 2 // <b>not a tag</b>\n\`\`\``,
    ].join('\n\n')
    parts.push(section)
    size += Buffer.byteLength(section) + 2
  }
  return parts.join('\n\n')
}

/** The default script, plus BIG_PROMPT → `text` streamed in `chunkCount` deltas over ~`ms`. */
export function bigAnswerResponder(text: string, chunkCount = 200, ms = 4_000): Responder {
  return (req) =>
    req.prompt === BIG_PROMPT && !req.hasToolResult
      ? { kind: 'text', text, chunkCount, chunkDelayMs: Math.round(ms / chunkCount) }
      : defaultResponder(req)
}
