import { describe, expect, it } from 'vitest'
import { EntityParseError } from './errors.js'
import { entitiesToHtml } from './text/entities-to-html.js'
import { parseHtml } from './text/html-parser.js'

describe('parseHtml accepts what Telegram accepts', () => {
  it.each([
    ['plain', 'hello', 'hello', []],
    [
      'bold + nested italic',
      '<b>a<i>b</i></b>',
      'ab',
      [
        { type: 'bold', offset: 0, length: 2 },
        { type: 'italic', offset: 1, length: 1 },
      ],
    ],
    [
      'synonyms',
      '<strong>a</strong><em>b</em><ins>c</ins><del>d</del><strike>e</strike>',
      'abcde',
      [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'italic', offset: 1, length: 1 },
        { type: 'underline', offset: 2, length: 1 },
        { type: 'strikethrough', offset: 3, length: 1 },
        { type: 'strikethrough', offset: 4, length: 1 },
      ],
    ],
    ['entities decode', 'a &lt;b&gt; &amp; &quot;c&quot; &#65;&#x42;', 'a <b> & "c" AB', []],
    ['bare > is fine', 'a > b', 'a > b', []],
    [
      'link with &amp; in href',
      '<a href="https://x.io/?a=1&amp;b=2">x</a>',
      'x',
      [{ type: 'text_link', offset: 0, length: 1, url: 'https://x.io/?a=1&b=2' }],
    ],
    [
      'pre with language',
      '<pre><code class="language-ts">let a</code></pre>',
      'let a',
      [{ type: 'pre', offset: 0, length: 5, language: 'ts' }],
    ],
    ['pre without code', '<pre>x</pre>', 'x', [{ type: 'pre', offset: 0, length: 1 }]],
    [
      'spoilers',
      '<tg-spoiler>a</tg-spoiler><span class="tg-spoiler">b</span>',
      'ab',
      [
        { type: 'spoiler', offset: 0, length: 1 },
        { type: 'spoiler', offset: 1, length: 1 },
      ],
    ],
    [
      'expandable blockquote',
      '<blockquote expandable>q</blockquote>',
      'q',
      [{ type: 'expandable_blockquote', offset: 0, length: 1 }],
    ],
    [
      'custom emoji',
      '<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>',
      '👍',
      [{ type: 'custom_emoji', offset: 0, length: 2, custom_emoji_id: '5368324170671202286' }],
    ],
    ['upper-case tags', '<B>x</B>', 'x', [{ type: 'bold', offset: 0, length: 1 }]],
    ['offsets in UTF-16 units', '😀<b>x</b>', '😀x', [{ type: 'bold', offset: 2, length: 1 }]],
    ['empty entity dropped', '<b></b>x', 'x', []],
  ])('%s', (_name, html, text, entities) => {
    expect(parseHtml(html)).toEqual({ text, entities })
  })
})

describe('parseHtml rejects like Telegram', () => {
  it.each([
    ['bare < before a letter', 'a<b', 'Unclosed start tag at byte offset 1'],
    ['bare < before a space', 'a < b', 'Unsupported start tag "" at byte offset 2'],
    ['unknown tag', '<div>x</div>', 'Unsupported start tag "div" at byte offset 0'],
    ['unclosed', '<b>x', `Can't find end tag corresponding to start tag "b"`],
    ['stray end tag', 'x</b>', 'Unexpected end tag at byte offset 1'],
    [
      'crossed tags',
      '<b><i>x</b></i>',
      'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"',
    ],
    ['unknown entity', 'a&nbsp;b', 'Unsupported HTML entity "&nbsp;" at byte offset 1'],
    ['bare ampersand', 'Q&A', 'Character "&" must be escaped as "&amp;" at byte offset 1'],
    ['byte offsets count UTF-8', 'é<div>', 'Unsupported start tag "div" at byte offset 2'],
    [
      'span without spoiler class',
      '<span>x</span>',
      'Tag "span" must have class "tg-spoiler" at byte offset 0',
    ],
    ['unquoted URL', '<a href=https://x.io>x</a>', 'Unexpected end of name token at byte offset 8'],
  ])('%s', (_name, html, reason) => {
    let caught: unknown
    try {
      parseHtml(html)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(EntityParseError)
    expect((caught as EntityParseError).reason).toBe(reason)
  })
})

describe('entitiesToHtml', () => {
  it.each([
    '<b>a<i>b</i></b> &lt;&amp;&gt;',
    '<pre><code class="language-ts">x</code></pre>',
    '<a href="https://x.io/?a=1&amp;b=2">x</a>',
    '<blockquote expandable>q</blockquote><tg-spoiler>s</tg-spoiler>',
  ])('round-trips %s', (html) => {
    const parsed = parseHtml(html)
    expect(entitiesToHtml(parsed.text, parsed.entities)).toBe(html)
  })

  it('splits overlapping entities so the output nests', () => {
    const html = entitiesToHtml('abc', [
      { type: 'bold', offset: 0, length: 2 },
      { type: 'italic', offset: 1, length: 2 },
    ])
    expect(html).toBe('<b>a<i>b</i></b><i>c</i>')
  })
})
