/**
 * Seeded generator of Markdown-ish strings for property tests: real constructs (fences, lists,
 * quotes, tables, links, emphasis) mixed with the characters that break naive renderers
 * (`<`, `&`, stray `*`/`_`/backticks, emoji, lone surrogates, raw HTML).
 */

/** A small deterministic PRNG (mulberry32) so a failing seed can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const PIECES = [
  '# ',
  '## ',
  '**',
  '*',
  '_',
  '__',
  '~~',
  '`',
  '```',
  '```ts\n',
  '\n```\n',
  '~~~',
  '> ',
  '> > ',
  '- ',
  '* ',
  '1. ',
  '  - ',
  '    ',
  '- [ ] ',
  '- [x] ',
  '[',
  ']',
  '(',
  ')',
  '](https://ex.com/a?b=1&c=2)',
  '](javascript:alert(1))',
  '](src/app.ts)',
  '![alt',
  '](https://img.example/x.png)',
  '<b>',
  '</b>',
  '<pre>',
  '<a href="x">',
  '<',
  '>',
  '&',
  '&amp;',
  '&lt;',
  '&#128512;',
  '&bogus;',
  '"',
  "'",
  '|',
  ' | ',
  '\n|---|:-:|\n',
  '---',
  '\n',
  '\n\n',
  ' ',
  '  ',
  '\t',
  'word',
  'text ',
  'Ünïcödé ',
  '😀',
  '👨‍👩‍👧',
  '\uD83D',
  '\uDE00',
  'https://example.com/path',
  'www.example.org',
  'mail@example.com',
  '\\',
  '\\*',
  '<!-- c -->',
  '<details>',
  '<br>',
  '\u0000',
  '1)',
  '+ ',
  '***',
  '<tg-spoiler>',
  '`code`',
]

/** A random Markdown-ish string of about `pieces` fragments. */
export function randomMarkdown(random: () => number, pieces = 60): string {
  let out = ''
  for (let i = 0; i < pieces; i++) out += PIECES[Math.floor(random() * PIECES.length)] ?? ''
  return out
}
