/**
 * A strict, independent checker of Telegram's HTML parse mode (test support only). It is stricter
 * than Telegram where the docs are ambiguous, so output that passes here is safe to send:
 * - only the documented tags and attributes; tags nest properly; entities are the four named ones or
 *   numeric; a raw `>` or a lone surrogate is an error;
 * - `code` holds text only; `pre` holds text or exactly one `<code class="language-…">`;
 * - b/i/u/s/spoiler contain no code, pre or blockquote; `a` contains no a, code, pre or blockquote;
 * - blockquotes do not nest and hold no `pre`.
 */

const FORMAT = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'tg-spoiler'])
const KNOWN = new Set([...FORMAT, 'span', 'a', 'code', 'pre', 'blockquote', 'tg-emoji'])

export interface ValidateOptions {
  /** Maximum visible length (UTF-16 units after entity decoding); default 4096. */
  limit?: number
  /** Whether an empty or whitespace-only message is an error (Telegram rejects those); default true. */
  requireText?: boolean
}

interface Open {
  name: string
  kind: string
  children: number
  text: boolean
}

/** Returns the list of problems found; an empty list means Telegram will accept the HTML. */
export function validateTelegramHtml(html: string, options: ValidateOptions = {}): string[] {
  const problems: string[] = []
  const stack: Open[] = []
  let visible = ''
  const re =
    /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z-]+(?:="[^"<>]*")?)*)\s*>|&(lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);|[^<>&]+|[\s\S]/gy
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const [whole, slash, rawName, attrs, entity] = m
    if (rawName !== undefined) {
      const name = rawName.toLowerCase()
      if (!KNOWN.has(name)) problems.push(`unsupported tag <${name}>`)
      if (slash) {
        const top = stack.pop()
        if (top?.name !== name) problems.push(`</${name}> closes <${top?.name ?? 'nothing'}>`)
        if (top && top.kind === 'pre' && top.children > 1) problems.push('pre holds more than code')
        continue
      }
      const kind = kindOf(name, attrs ?? '', problems)
      const parent = stack.at(-1)
      if (kind === 'code-lang' && parent?.kind !== 'pre') problems.push('code class outside pre')
      if (parent) {
        parent.children += 1
        checkNesting(parent, kind, stack, problems)
      }
      stack.push({ name, kind, children: 0, text: false })
      continue
    }
    let text = whole
    if (entity !== undefined) text = decode(entity)
    else if (whole === '<' || whole === '>' || whole === '&')
      problems.push(`raw '${whole}' in text`)
    if (!text.isWellFormed()) problems.push('lone surrogate')
    const parent = stack.at(-1)
    if (parent && parent.kind === 'pre' && parent.children > 0)
      problems.push('text beside <code> in <pre>')
    if (parent) parent.text = true
    visible += text
  }
  if (stack.length > 0) problems.push(`unclosed ${stack.map((o) => `<${o.name}>`).join('')}`)
  const limit = options.limit ?? 4096
  if (visible.length > limit) problems.push(`visible length ${visible.length} > ${limit}`)
  if ((options.requireText ?? true) && visible.trim() === '') problems.push('no visible text')
  return problems
}

function kindOf(name: string, attrs: string, problems: string[]): string {
  const list = [...attrs.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)].map((a) => [a[1], a[2]] as const)
  const only = (allowed: string[]) => {
    for (const [key] of list) if (!allowed.includes(key ?? '')) problems.push(`<${name} ${key}>`)
  }
  if (name === 'a') {
    only(['href'])
    const href = list.find(([k]) => k === 'href')?.[1]
    if (!href || !/^(https?:|tg:|mailto:)/i.test(href)) problems.push(`bad href ${href}`)
    return 'a'
  }
  if (name === 'span') {
    only(['class'])
    if (list.find(([k]) => k === 'class')?.[1] !== 'tg-spoiler')
      problems.push('span without tg-spoiler')
    return 'format'
  }
  if (name === 'code') {
    only(['class'])
    const cls = list.find(([k]) => k === 'class')
    if (cls && !/^language-[\w+#.-]+$/.test(cls[1] ?? '')) problems.push(`bad code class ${cls[1]}`)
    return cls ? 'code-lang' : 'code'
  }
  if (name === 'blockquote') only(['expandable'])
  else if (name === 'tg-emoji') only(['emoji-id'])
  else only([])
  return FORMAT.has(name) ? 'format' : name
}

function checkNesting(parent: Open, kind: string, stack: Open[], problems: string[]): void {
  const inside = (k: string) => stack.some((o) => o.kind === k)
  if (parent.kind === 'code' || parent.kind === 'code-lang') problems.push(`<${kind}> inside code`)
  if (parent.kind === 'pre' && (kind !== 'code-lang' || parent.text || parent.children > 1))
    problems.push('pre holds something other than one <code class>')
  if (['code', 'code-lang', 'pre', 'blockquote'].includes(kind) && inside('format'))
    problems.push(`<${kind}> inside formatting`)
  if (['a', 'code', 'code-lang', 'pre', 'blockquote'].includes(kind) && inside('a'))
    problems.push(`<${kind}> inside a link`)
  if ((kind === 'blockquote' || kind === 'pre') && inside('blockquote'))
    problems.push(`<${kind}> inside blockquote`)
  if (kind === 'pre' && inside('pre')) problems.push('nested pre')
}

function decode(entity: string): string {
  if (entity === 'lt') return '<'
  if (entity === 'gt') return '>'
  if (entity === 'amp') return '&'
  if (entity === 'quot') return '"'
  const code = entity.startsWith('#x')
    ? Number.parseInt(entity.slice(2), 16)
    : Number.parseInt(entity.slice(1), 10)
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD'
}
