import { describe, expect, it } from 'vitest'
import { EntityParseError } from './errors.js'
import { parseMarkdownLegacy } from './text/markdown-legacy-parser.js'
import { parseMarkdownV2 } from './text/markdown-v2-parser.js'

describe('parseMarkdownV2 accepts', () => {
  it.each([
    ['escaped reserved chars', 'a\\.b\\!', 'a.b!', []],
    [
      'bold italic underline strike spoiler',
      '*b* _i_ __u__ ~s~ ||p||',
      'b i u s p',
      [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'italic', offset: 2, length: 1 },
        { type: 'underline', offset: 4, length: 1 },
        { type: 'strikethrough', offset: 6, length: 1 },
        { type: 'spoiler', offset: 8, length: 1 },
      ],
    ],
    [
      'nested',
      '*a _b_*',
      'a b',
      [
        { type: 'bold', offset: 0, length: 3 },
        { type: 'italic', offset: 2, length: 1 },
      ],
    ],
    ['code keeps reserved chars', '`a.b()`', 'a.b()', [{ type: 'code', offset: 0, length: 5 }]],
    [
      'pre with language',
      '```ts\nlet a = 1.5\n```',
      'let a = 1.5\n',
      [{ type: 'pre', offset: 0, length: 12, language: 'ts' }],
    ],
    [
      'link with escaped paren',
      '[x](https://x.io/a\\)b)',
      'x',
      [{ type: 'text_link', offset: 0, length: 1, url: 'https://x.io/a)b' }],
    ],
    [
      'block quote over two lines',
      '>a\n>b\nc',
      'a\nb\nc',
      [{ type: 'blockquote', offset: 0, length: 3 }],
    ],
  ])('%s', (_name, source, text, entities) => {
    expect(parseMarkdownV2(source)).toEqual({ text, entities })
  })
})

describe('parseMarkdownV2 rejects', () => {
  it.each([
    [
      'unescaped dot',
      'Hello.',
      `Character '.' is reserved and must be escaped with the preceding '\\'`,
    ],
    [
      'unescaped dash',
      'a - b',
      `Character '-' is reserved and must be escaped with the preceding '\\'`,
    ],
    [
      'unescaped paren',
      'f(x)',
      `Character '(' is reserved and must be escaped with the preceding '\\'`,
    ],
    ['unclosed bold', '*bold', "Can't find end of Bold entity at byte offset 0"],
    ['unclosed code', 'é `x', "Can't find end of Code entity at byte offset 3"],
    ['unclosed pre', '```\nx', "Can't find end of Pre entity at byte offset 0"],
    ['unclosed url', '[a](http://x', "Can't find end of a URL at byte offset 4"],
  ])('%s', (_name, source, reason) => {
    expect(() => parseMarkdownV2(source)).toThrow(EntityParseError)
    try {
      parseMarkdownV2(source)
    } catch (error) {
      expect((error as EntityParseError).reason).toBe(reason)
    }
  })
})

describe('legacy Markdown (parse_mode: Markdown)', () => {
  it('parses the old constructs and reports unclosed ones', () => {
    expect(parseMarkdownLegacy('*b* _i_ `c` [l](https://x.io) a.b')).toEqual({
      text: 'b i c l a.b',
      entities: [
        { type: 'bold', offset: 0, length: 1 },
        { type: 'italic', offset: 2, length: 1 },
        { type: 'code', offset: 4, length: 1 },
        { type: 'text_link', offset: 6, length: 1, url: 'https://x.io' },
      ],
    })
    expect(() => parseMarkdownLegacy('a *b')).toThrow(
      "Can't find end of the entity starting at byte offset 2",
    )
  })
})
