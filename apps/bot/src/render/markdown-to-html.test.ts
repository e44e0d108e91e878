import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown-to-html.js'
import { htmlToPlain } from './plain-text.js'
import { randomMarkdown, seededRandom } from './testing/random-markdown.js'
import { validateTelegramHtml } from './testing/telegram-html-validator.js'

const valid = (html: string) =>
  validateTelegramHtml(html, { limit: Number.POSITIVE_INFINITY, requireText: false })

describe('renderMarkdown', () => {
  it.each([
    ['# Title', '<b>Title</b>'],
    ['### Use `npm`', '<b>Use </b><code>npm</code>'],
    ['**b** *i* ~~s~~ `c`', '<b>b</b> <i>i</i> <s>s</s> <code>c</code>'],
    ['**bold `code` more**', '<b>bold </b><code>code</code><b> more</b>'],
    ['a < b && c > d', 'a &lt; b &amp;&amp; c &gt; d'],
    ['<b>raw</b> <script>x</script>', '&lt;b&gt;raw&lt;/b&gt; &lt;script&gt;x&lt;/script&gt;'],
    ['[site](https://ex.com/?a=1&b="2")', '<a href="https://ex.com/?a=1&amp;b=%222%22">site</a>'],
    [
      '[mail](mailto:a@b.c) [tg](tg://user?id=1)',
      '<a href="mailto:a@b.c">mail</a> <a href="tg://user?id=1">tg</a>',
    ],
    ['[file](src/app.ts) [x](javascript:alert(1))', 'file [x](javascript:alert(1))'],
    ['[`code` link](https://e.com)', '<a href="https://e.com">code link</a>'],
    [
      'see https://example.com now',
      'see <a href="https://example.com">https://example.com</a> now',
    ],
    ['![a cat](https://img.example/cat.png)', '<a href="https://img.example/cat.png">🖼 a cat</a>'],
    ['![local](cat.png)', '🖼 local'],
    [
      '```ts\nconst a = 1 < 2\n```',
      '<pre><code class="language-ts">const a = 1 &lt; 2</code></pre>',
    ],
    ['```"><script>\nx\n```', '<pre>x</pre>'],
    ['```\nplain\n```', '<pre>plain</pre>'],
    ['    indented\n    code', '<pre>indented\ncode</pre>'],
    ['- a\n- b', '• a\n• b'],
    ['1. a\n2. b', '1. a\n2. b'],
    ['3. c\n4. d', '3. c\n4. d'],
    ['- a\n  - b\n    - c', '• a\n  ◦ b\n    ▪ c'],
    ['- [ ] todo\n- [x] done', '☐ todo\n☑ done'],
    ['> quoted **text**', '<blockquote>quoted <b>text</b></blockquote>'],
    ['> outer\n> > inner', '<blockquote>outer\n\ninner</blockquote>'],
    ['> ```\n> code\n> ```', '<blockquote><code>code</code></blockquote>'],
    ['a\n\n---\n\nb', 'a\n\n──────────\n\nb'],
    ['| a | b |\n|:--|--:|\n| long | 1 |', '<pre>a    │ b\n─────┼──\nlong │ 1</pre>'],
    ['line one\nline two', 'line one\nline two'],
    ['', ''],
  ])('%j', (markdown, html) => {
    const out = renderMarkdown(markdown)
    expect(out).toBe(html)
    expect(valid(out)).toEqual([])
  })

  it('keeps code inside list items unindented and valid', () => {
    const out = renderMarkdown('1. step\n\n   ```sh\n   npm test\n   ```\n2. next')
    expect(out).toContain('<pre><code class="language-sh">npm test</code></pre>')
    expect(valid(out)).toEqual([])
  })

  it('marks long quotes expandable', () => {
    expect(renderMarkdown(`> ${'word '.repeat(300)}`)).toMatch(/^<blockquote expandable>/)
  })

  it('replaces lone surrogates instead of passing invalid UTF-16 on', () => {
    expect(renderMarkdown('a\uD83Db')).toBe('a\uFFFDb')
  })

  it('never produces invalid Telegram HTML for random Markdown-ish input (2,000 seeds)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const markdown = randomMarkdown(seededRandom(seed), 20 + (seed % 80))
      const html = renderMarkdown(markdown)
      const problems = valid(html)
      if (problems.length > 0)
        throw new Error(
          `seed ${seed}: ${problems.join('; ')}\n${JSON.stringify(markdown)}\n${html}`,
        )
    }
  })

  it('keeps the words of the answer', () => {
    const markdown = 'Intro **bold**\n\n- item one\n- item two\n\n```js\nlet x = "<y>"\n```'
    const plain = htmlToPlain(renderMarkdown(markdown))
    for (const word of ['Intro', 'bold', 'item one', 'item two', 'let x = "<y>"'])
      expect(plain).toContain(word)
  })
})
