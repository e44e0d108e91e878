import { describe, expect, it } from 'vitest'
import { validateTelegramHtml } from './telegram-html-validator.js'

describe('validateTelegramHtml', () => {
  it.each([
    'plain',
    '<b>bold <i>both</i></b>',
    '<a href="https://x.y/?a=1&amp;b=2">link <b>bold</b></a>',
    '<pre><code class="language-ts">const a = 1 &lt; 2</code></pre>',
    '<pre>plain pre</pre>',
    '<blockquote expandable>quote <code>x</code> <a href="tg://user?id=1">u</a></blockquote>',
    '<span class="tg-spoiler">s</span> <tg-spoiler>t</tg-spoiler> &#128512; &#x1F600; &quot;',
  ])('accepts %s', (html) => {
    expect(validateTelegramHtml(html)).toEqual([])
  })

  it.each([
    ['<p>x</p>', 'unsupported'],
    ['<b>x', 'unclosed'],
    ['<b><i>x</b></i>', 'closes'],
    ['a < b', "raw '<'"],
    ['a > b', "raw '>'"],
    ['AT&T', "raw '&'"],
    ['&nbsp;', "raw '&'"],
    ['<b><code>x</code></b>', 'inside formatting'],
    ['<code><b>x</b></code>', 'inside code'],
    ['<a href="https://a"><a href="https://b">x</a></a>', 'inside a link'],
    ['<a href="src/app.ts">x</a>', 'bad href'],
    ['<blockquote><blockquote>x</blockquote></blockquote>', 'inside blockquote'],
    ['<blockquote><pre>x</pre></blockquote>', 'inside blockquote'],
    ['<pre>x<code class="language-ts">y</code></pre>', 'pre'],
    ['<code class="language-ts">y</code>', 'outside pre'],
    ['<b class="x">y</b>', '<b class>'],
    ['\uD83D', 'lone surrogate'],
    ['   ', 'no visible text'],
  ])('rejects %s', (html, problem) => {
    expect(validateTelegramHtml(html).join('; ')).toContain(problem)
  })

  it('measures visible length after entity decoding', () => {
    expect(validateTelegramHtml(`<b>${'&lt;'.repeat(10)}</b>`, { limit: 10 })).toEqual([])
    expect(validateTelegramHtml('😀'.repeat(6), { limit: 11 })).toEqual(['visible length 12 > 11'])
  })
})
