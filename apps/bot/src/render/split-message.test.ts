import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown-to-html.js'
import { htmlToPlain, visibleLength } from './plain-text.js'
import { splitHtml, splitPlain } from './split-message.js'
import { randomMarkdown, seededRandom } from './testing/random-markdown.js'
import { validateTelegramHtml } from './testing/telegram-html-validator.js'

const expectValidParts = (parts: string[], limit: number) => {
  for (const part of parts) expect(validateTelegramHtml(part, { limit }), part).toEqual([])
}
/** Visible text with whitespace removed: cuts may drop whitespace at boundaries, nothing else. */
const letters = (html: string) => htmlToPlain(html).replace(/\s+/g, '')

describe('splitHtml', () => {
  it('returns short HTML unchanged', () => {
    expect(splitHtml('<b>hi</b>')).toEqual(['<b>hi</b>'])
    expect(splitHtml('')).toEqual([])
  })

  it('counts entities as one character and tags as none', () => {
    const html = `<b>${'&lt;'.repeat(4000)}</b>`
    expect(splitHtml(html)).toEqual([html])
  })

  it.each([
    ['block boundary', 'aaaa bbbb\n\ncccc dddd', 12, ['aaaa bbbb', 'cccc dddd']],
    ['line boundary', 'aaaa bbbb\ncccc dddd', 12, ['aaaa bbbb', 'cccc dddd']],
    ['word boundary', 'aaaa bbbb cccc', 10, ['aaaa bbbb', 'cccc']],
    ['hard cut', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
    ['after </pre>', '<pre>code</pre>text more', 12, ['<pre>code</pre>', 'text more']],
    ['reopens tags', '<b>aaaa bbbb</b>', 5, ['<b>aaaa</b>', '<b>bbbb</b>']],
    [
      'keeps attributes',
      '<a href="https://e.com">aaaa bbbb</a>',
      5,
      ['<a href="https://e.com">aaaa</a>', '<a href="https://e.com">bbbb</a>'],
    ],
    ['never splits an entity', '&lt;&lt;&lt;&lt;&lt;', 2, ['&lt;&lt;', '&lt;&lt;', '&lt;']],
  ])('%s', (_name, html, limit, parts) => {
    expect(splitHtml(html, limit)).toEqual(parts)
  })

  it('never splits a surrogate pair or a tag', () => {
    const html = `<i>${'😀'.repeat(50)}</i>`
    for (const limit of [2, 3, 5, 7, 33]) {
      const parts = splitHtml(html, limit)
      expectValidParts(parts, limit)
      expect(parts.map(htmlToPlain).join('')).toBe('😀'.repeat(50))
    }
  })

  it('re-opens <pre><code class> around a code block that does not fit', () => {
    const code = Array.from({ length: 400 }, (_, i) => `line ${i} <x> & "y"`).join('\n')
    const parts = splitHtml(renderMarkdown(`Intro\n\n\`\`\`python\n${code}\n\`\`\``), 2000)
    expect(parts.length).toBeGreaterThan(3)
    expectValidParts(parts, 2000)
    for (const part of parts.slice(1)) {
      expect(part).toMatch(/^<pre><code class="language-python">line \d+/)
      expect(part).toMatch(/<\/code><\/pre>$/)
    }
    // Cuts fall between lines, so every line survives whole.
    const lines = parts
      .flatMap((p) => htmlToPlain(p).split('\n'))
      .filter((l) => l.startsWith('line'))
    expect(lines).toEqual(code.split('\n'))
  })

  it('splits a 20,000-char answer keeping code blocks that fit intact', () => {
    const block = (lang: string, n: number) =>
      `\`\`\`${lang}\n${Array.from({ length: n }, (_, i) => `${lang}_${i} = ${i} // <tag> & more text`).join('\n')}\n\`\`\``
    const prose = (n: number) =>
      Array.from({ length: n }, (_, i) => `Paragraph ${i} with **bold** and \`code\`.`).join('\n\n')
    const markdown = [
      prose(70),
      block('ts', 60),
      prose(50),
      block('rust', 200),
      prose(60),
      block('go', 90),
      prose(80),
    ].join('\n\n')
    const html = renderMarkdown(markdown)
    expect(htmlToPlain(html).length).toBeGreaterThan(20_000)
    const parts = splitHtml(html)
    expectValidParts(parts, 4096)
    // Preferring block boundaries costs a few extra messages, not many.
    expect(parts.length).toBeLessThanOrEqual(Math.ceil(htmlToPlain(html).length / 4096) + 3)
    expect(parts.map(letters).join('')).toBe(letters(html))
    const intact = (lang: string) =>
      parts.some(
        (p) =>
          p.includes(`class="language-${lang}">${lang}_0 `) &&
          p.includes(`${lang}_${lang === 'ts' ? 59 : 89} = `),
      )
    expect(intact('ts')).toBe(true) // 60 lines ≈ 2,400 chars: fits, so not cut
    expect(intact('go')).toBe(true)
    const rustParts = parts.filter((p) => p.includes('<code class="language-rust">'))
    expect(rustParts.length).toBeGreaterThan(1) // 200 lines ≈ 8,000 chars: must be cut and re-opened
    for (const p of rustParts) expect(p.match(/<pre>/g)?.length).toBe(p.match(/<\/pre>/g)?.length)
  })

  it('produces valid parts within the limit for random rendered Markdown (500 seeds)', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const html = renderMarkdown(randomMarkdown(seededRandom(seed), 200))
      const limit = 20 + (seed % 300)
      const parts = splitHtml(html, limit)
      for (const part of parts) {
        const problems = validateTelegramHtml(part, { limit })
        if (problems.length > 0)
          throw new Error(`seed ${seed} limit ${limit}: ${problems.join('; ')}\n${part}`)
      }
      expect(parts.map(letters).join('')).toBe(letters(html))
    }
  })

  it('rejects a limit that cannot hold a code point', () => {
    expect(() => splitHtml('abc', 1)).toThrow(RangeError)
  })
})

describe('splitPlain', () => {
  it('splits on blocks, lines, words, then code points, and never a surrogate pair', () => {
    expect(splitPlain('one two\n\nthree four', 10)).toEqual(['one two', 'three four'])
    expect(splitPlain('😀😀😀', 3)).toEqual(['😀', '😀', '😀'])
    const long = 'word '.repeat(3000)
    const parts = splitPlain(long)
    expect(parts.every((p) => p.length <= 4096)).toBe(true)
    expect(parts.join(' ').replace(/\s+/g, ' ').trim()).toBe(long.trim())
  })

  it('keeps characters that look like HTML as they are', () => {
    expect(splitPlain('<b> &amp;', 100)).toEqual(['<b> &amp;'])
    expect(visibleLength('<b>x</b>')).toBe(1)
  })
})
