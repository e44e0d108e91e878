import { expect, it } from 'vitest'
import { showHidden } from './visible-chars.js'

it.each([
  ['bidi override', 'ls \u202Ehs.txt', 'ls ⟨U+202E⟩hs.txt'],
  ['bidi isolates', 'a\u2066b\u2069', 'a⟨U+2066⟩b⟨U+2069⟩'],
  [
    'zero-width',
    'r\u200Bm \u200C\u200D\u200E\u200F\u2060\u2064\uFEFF',
    'r⟨U+200B⟩m ⟨U+200C⟩⟨U+200D⟩⟨U+200E⟩⟨U+200F⟩⟨U+2060⟩⟨U+2064⟩⟨U+FEFF⟩',
  ],
  ['controls but \\n and \\t', 'a\rb\x1b[31m\x00\n\tc', 'a⟨U+000D⟩b⟨U+001B⟩[31m⟨U+0000⟩\n\tc'],
  ['tag characters', 'ok\u{E0041}', 'ok⟨U+E0041⟩'],
  ['look-alike spaces', 'rm\u00A0-rf\u2028x', 'rm⟨U+00A0⟩-rf⟨U+2028⟩x'],
  ['a lone surrogate', 'x\uD800', 'x⟨U+D800⟩'],
])('shows %s visibly', (_, text, shown) => {
  expect(showHidden(text).text).toBe(shown)
  expect(showHidden(text).count).toBeGreaterThan(0)
})

it('leaves ordinary text alone, accents and emoji included', () => {
  expect(showHidden('café 😀 中文 ls -la\n\tok')).toEqual({
    text: 'café 😀 中文 ls -la\n\tok',
    count: 0,
  })
})
