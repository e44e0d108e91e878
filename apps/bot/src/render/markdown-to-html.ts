/**
 * Claude's GitHub-flavoured Markdown → HTML that Telegram's HTML parse mode accepts, for any input.
 * We walk markdown-it's token stream ourselves instead of using its HTML renderer, so only the tags
 * Telegram supports can ever be produced, nested the way Telegram allows:
 * headings → bold line; lists → "•"/"1." with indentation; tables → aligned `<pre>` grid;
 * code blocks → `<pre><code class="language-x">`; blockquotes can't hold `pre` or another quote,
 * so code inside a quote becomes per-line `<code>` and nested quotes are flattened.
 */

import MarkdownIt from 'markdown-it'
import { escapeHtml } from './html-escape.js'
import { removeEmptyElements } from './html-tokens.js'
import { type MdToken, renderInline } from './markdown-inline.js'
import { renderTableText } from './markdown-table.js'
import { visibleLength } from './plain-text.js'

const md = new MarkdownIt('default', { html: false, linkify: true, typographer: false })

interface Context {
  inQuote: boolean
  listDepth: number
}

const HR = '──────────'
const BULLETS = ['•', '◦', '▪']
/** Quotes longer than this are sent collapsed (Telegram's expandable blockquote). */
const EXPANDABLE_QUOTE_CHARS = 800

/** Renders Markdown to Telegram-safe HTML (blocks separated by a blank line, no outer whitespace). */
export function renderMarkdown(markdown: string): string {
  const tokens = md.parse(markdown.toWellFormed(), {})
  const blocks = renderBlocks(tokens, 0, tokens.length, { inQuote: false, listDepth: 0 })
  return removeEmptyElements(blocks.join('\n\n')).trim()
}

function renderBlocks(tokens: MdToken[], from: number, to: number, ctx: Context): string[] {
  const blocks: string[] = []
  let i = from
  while (i < to) {
    const token = tokens[i]
    if (!token) break
    const end = token.nesting === 1 ? findClose(tokens, i) : i
    blocks.push(renderBlock(tokens, i, end, ctx))
    i = end + 1
  }
  return blocks.filter((b) => b.trim() !== '')
}

function renderBlock(tokens: MdToken[], start: number, end: number, ctx: Context): string {
  const token = tokens[start] as MdToken
  const inner = () => tokens.slice(start + 1, end)
  switch (token.type) {
    case 'paragraph_open':
      return renderInline(tokens[start + 1]?.children ?? [])
    case 'heading_open':
      return renderInline(tokens[start + 1]?.children ?? [], ['b'])
    case 'fence':
      return renderCode(token.content, languageOf(token.info), ctx)
    case 'code_block':
      return renderCode(token.content, undefined, ctx)
    case 'hr':
      return HR
    case 'bullet_list_open':
    case 'ordered_list_open':
      return renderList(tokens, start, end, ctx)
    case 'blockquote_open': {
      const body = renderBlocks(tokens, start + 1, end, { ...ctx, inQuote: true }).join('\n\n')
      if (ctx.inQuote) return body
      const expandable = visibleLength(body) > EXPANDABLE_QUOTE_CHARS ? ' expandable' : ''
      return `<blockquote${expandable}>${body}</blockquote>`
    }
    case 'table_open':
      return renderCode(renderTableText(inner()), undefined, ctx)
    default:
      return token.nesting === 1
        ? renderBlocks(tokens, start + 1, end, ctx).join('\n\n')
        : escapeHtml(token.content)
  }
}

function renderCode(content: string, language: string | undefined, ctx: Context): string {
  const text = content.replace(/\n$/, '')
  if (text.trim() === '') return ''
  if (ctx.inQuote) {
    return text
      .split('\n')
      .map((line) => (line.trim() ? `<code>${escapeHtml(line)}</code>` : ''))
      .join('\n')
  }
  if (language) return `<pre><code class="language-${language}">${escapeHtml(text)}</code></pre>`
  return `<pre>${escapeHtml(text)}</pre>`
}

/** First word of a fence's info string, if it is a plausible language name. */
function languageOf(info: string): string | undefined {
  const word = info.trim().split(/\s+/)[0] ?? ''
  return /^[A-Za-z0-9_+#.-]{1,32}$/.test(word) ? word.toLowerCase() : undefined
}

function renderList(tokens: MdToken[], start: number, end: number, ctx: Context): string {
  const list = tokens[start] as MdToken
  const ordered = list.type === 'ordered_list_open'
  let number = Number(list.attrGet('start') ?? 1)
  const bullet = BULLETS[ctx.listDepth % BULLETS.length] ?? '•'
  const inner: Context = { ...ctx, listDepth: ctx.listDepth + 1 }
  const items: string[] = []
  for (let i = start + 1; i < end; i++) {
    if (tokens[i]?.type !== 'list_item_open') continue
    const close = findClose(tokens, i)
    const box = takeTaskBox(tokens[i + 2])
    let marker = ordered ? `${number++}.` : bullet
    if (box) marker = ordered ? `${marker} ${box}` : box
    const body = renderBlocks(tokens, i + 1, close, inner)
    const indent = ' '.repeat([...marker].length + 1)
    const text = body.map((b) => indentOutsidePre(b, indent)).join(`\n${indent}`)
    items.push(text.startsWith('<pre>') ? `${marker}\n${text}` : `${marker} ${text}`)
    i = close
  }
  return items.join('\n')
}

/** Consumes a leading "[ ] " / "[x] " in a list item's first paragraph and returns its symbol. */
function takeTaskBox(inline: MdToken | undefined): string | undefined {
  const first = inline?.type === 'inline' ? inline.children?.[0] : undefined
  const match = first?.type === 'text' ? /^\[([ xX])\](?:\s+|$)/.exec(first.content) : null
  if (!first || !match) return undefined
  first.content = first.content.slice(match[0].length)
  return match[1] === ' ' ? '☐' : '☑'
}

/** Indents continuation lines, except inside `<pre>` where spaces would change the code. */
function indentOutsidePre(html: string, indent: string): string {
  return html
    .split(/(<pre>[\s\S]*?<\/pre>)/)
    .map((part, k) => (k % 2 === 1 ? part : part.replaceAll('\n', `\n${indent}`)))
    .join('')
}

function findClose(tokens: readonly MdToken[], open: number): number {
  let depth = 0
  for (let i = open; i < tokens.length; i++) {
    depth += tokens[i]?.nesting ?? 0
    if (depth === 0) return i
  }
  return tokens.length - 1
}
