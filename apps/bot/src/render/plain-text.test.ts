import { describe, expect, it } from 'vitest'
import { decodeEntities, htmlToPlain, visibleLength } from './plain-text.js'

describe('plain text', () => {
  it.each([
    ['<b>bold</b> &lt;tag&gt; &amp; &quot;q&quot;', 'bold <tag> & "q"'],
    ['<pre><code class="language-ts">a &lt; b</code></pre>', 'a < b'],
    ['<a href="https://x?a=1&amp;b=2">link</a>', 'link'],
    ['&#128512; &#x1F600; &bogus; &#0;', '😀 😀 &bogus; &#0;'],
    ['a\n\nb', 'a\n\nb'],
  ])('htmlToPlain(%j)', (html, plain) => {
    expect(htmlToPlain(html)).toBe(plain)
  })

  it('counts UTF-16 units after entity parsing, tags free', () => {
    expect(visibleLength('<b>&lt;</b>')).toBe(1)
    expect(visibleLength('😀')).toBe(2)
    expect(visibleLength('&#128512;')).toBe(2)
    expect(visibleLength('<blockquote expandable>abc</blockquote>')).toBe(3)
  })

  it('leaves unknown entities alone', () => {
    expect(decodeEntities('&nbsp;&amp;')).toBe('&nbsp;&')
  })
})
