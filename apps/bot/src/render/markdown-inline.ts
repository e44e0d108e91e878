/**
 * Renders markdown-it inline tokens to Telegram HTML. Telegram forbids code inside formatting or
 * links, so inline code closes the open formatting, shows itself, and re-opens it; inside a link it
 * degrades to plain text. Empty pairs this leaves (`<b></b>`) are removed by the caller.
 */

import type { Token } from 'markdown-it'
import { escapeAttr, escapeHtml } from './html-escape.js'
import { isAllowedHref } from './link-policy.js'

export type MdToken = Token

interface OpenTag {
  open: string
  close: string
  isLink: boolean
}

const FORMAT_TAGS: Record<string, string> = { strong: 'b', em: 'i', s: 's' }

/** Renders inline children; `wrap` tags (e.g. bold for a heading) surround the whole run. */
export function renderInline(children: readonly MdToken[], wrap: readonly string[] = []): string {
  const stack: OpenTag[] = wrap.map((t) => ({ open: `<${t}>`, close: `</${t}>`, isLink: false }))
  let out = stack.map((t) => t.open).join('')
  const inLink = () => stack.some((t) => t.isLink)
  for (const token of children) {
    const [kind, phase] = splitType(token.type)
    if (kind in FORMAT_TAGS && phase) {
      const tag = FORMAT_TAGS[kind] ?? 'b'
      if (phase === 'open') {
        stack.push({ open: `<${tag}>`, close: `</${tag}>`, isLink: false })
        out += `<${tag}>`
      } else out += stack.pop()?.close ?? ''
      continue
    }
    switch (token.type) {
      case 'text':
        out += escapeHtml(token.content)
        break
      case 'softbreak':
      case 'hardbreak':
        out += '\n'
        break
      case 'code_inline':
        if (inLink()) out += escapeHtml(token.content)
        else {
          const closeAll = stack
            .map((t) => t.close)
            .reverse()
            .join('')
          const reopen = stack.map((t) => t.open).join('')
          out += `${closeAll}<code>${escapeHtml(token.content)}</code>${reopen}`
        }
        break
      case 'link_open': {
        const href = String(token.attrGet('href') ?? '')
        const usable = isAllowedHref(href) && !inLink()
        const open = usable ? `<a href="${escapeAttr(href)}">` : ''
        stack.push({ open, close: usable ? '</a>' : '', isLink: usable })
        out += open
        break
      }
      case 'link_close':
        out += stack.pop()?.close ?? ''
        break
      case 'image':
        out += renderImage(token, inLink())
        break
      default:
        // html_inline cannot occur (html is off); anything unknown is shown as its text.
        out += escapeHtml(token.content)
    }
  }
  while (stack.length > 0) out += stack.pop()?.close ?? ''
  return out
}

/** Plain text of inline children (for table cells, image alt text). */
export function inlineText(children: readonly MdToken[]): string {
  return children
    .map((t) => (t.type === 'softbreak' || t.type === 'hardbreak' ? ' ' : t.content))
    .join('')
}

function renderImage(token: MdToken, inLink: boolean): string {
  const alt = inlineText(token.children ?? []) || 'image'
  const src = String(token.attrGet('src') ?? '')
  const label = `🖼 ${escapeHtml(alt)}`
  return isAllowedHref(src) && !inLink ? `<a href="${escapeAttr(src)}">${label}</a>` : label
}

function splitType(type: string): [string, 'open' | 'close' | undefined] {
  if (type.endsWith('_open')) return [type.slice(0, -5), 'open']
  if (type.endsWith('_close')) return [type.slice(0, -6), 'close']
  return [type, undefined]
}
