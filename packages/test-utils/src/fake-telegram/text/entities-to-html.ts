import type { MessageEntity } from '../types.js'

const escapeText = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const escapeAttr = (s: string) => escapeText(s).replace(/"/g, '&quot;')

function openTag(e: MessageEntity): string {
  switch (e.type) {
    case 'bold':
      return '<b>'
    case 'italic':
      return '<i>'
    case 'underline':
      return '<u>'
    case 'strikethrough':
      return '<s>'
    case 'spoiler':
      return '<tg-spoiler>'
    case 'code':
      return '<code>'
    case 'pre':
      return e.language === undefined
        ? '<pre>'
        : `<pre><code class="language-${escapeAttr(e.language)}">`
    case 'text_link':
      return `<a href="${escapeAttr(e.url ?? '')}">`
    case 'custom_emoji':
      return `<tg-emoji emoji-id="${escapeAttr(e.custom_emoji_id ?? '')}">`
    case 'blockquote':
      return '<blockquote>'
    case 'expandable_blockquote':
      return '<blockquote expandable>'
    default:
      return '' // url, mention, bot_command…: shown as plain text
  }
}

function closeTag(e: MessageEntity): string {
  const tag = openTag(e)
  if (tag === '') return ''
  if (e.type === 'pre' && e.language !== undefined) return '</code></pre>'
  const name = /^<([a-z-]+)/.exec(tag)?.[1] ?? ''
  return `</${name}>`
}

/** Sorts entities as Telegram returns them: by offset, longer (outer) first. */
export function sortEntities(entities: readonly MessageEntity[]): MessageEntity[] {
  return [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length)
}

/**
 * Renders text + entities back to canonical Telegram HTML, so tests can assert on one string.
 * Overlapping (non-nested) entities are split so the output always nests.
 */
export function entitiesToHtml(text: string, entities: readonly MessageEntity[]): string {
  const sorted = sortEntities(entities)
  const stack: MessageEntity[] = []
  let html = ''
  let next = 0
  const boundaries = new Set<number>([0, text.length])
  for (const e of sorted) boundaries.add(e.offset).add(e.offset + e.length)
  const points = [...boundaries].sort((a, b) => a - b)
  for (const at of points) {
    html += escapeText(text.slice(next, at))
    next = at
    // close everything that ends here, reopening inner entities that continue past it
    const lowest = stack.findIndex((e) => e.offset + e.length <= at)
    if (lowest !== -1) {
      const reopen = stack.splice(lowest).reverse()
      for (const e of reopen) html += closeTag(e)
      for (const e of reopen.reverse()) {
        if (e.offset + e.length > at) {
          stack.push(e)
          html += openTag(e)
        }
      }
    }
    for (const e of sorted) {
      if (e.offset === at && e.length > 0) {
        stack.push(e)
        html += openTag(e)
      }
    }
  }
  return html
}
