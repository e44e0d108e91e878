import { describe, expect, it } from 'vitest'
import { editDiff } from './edit-diff.js'
import { describePermissionRequest } from './permission-prompt.js'
import { htmlToPlain, visibleLength } from './plain-text.js'
import { validateTelegramHtml } from './testing/telegram-html-validator.js'

const check = (html: string, max = 3500) => {
  expect(validateTelegramHtml(html, { limit: max })).toEqual([])
  return htmlToPlain(html)
}

describe('describePermissionRequest', () => {
  it('shows the full command, escaped, with its description', () => {
    const html = describePermissionRequest('Bash', {
      command: 'rm -rf build && echo "<done>" > log',
      description: 'Clean & log',
    })
    expect(html).toContain(
      '<pre><code class="language-bash">rm -rf build &amp;&amp; echo "&lt;done&gt;" &gt; log</code></pre>',
    )
    expect(check(html)).toContain('Clean & log')
  })

  it('shows an Edit as a -/+ diff of the changed lines', () => {
    const html = describePermissionRequest(
      'Edit',
      {
        file_path: '/p/src/app.ts',
        old_string: 'same\nold line',
        new_string: 'same\nnew line',
        replace_all: true,
      },
      { cwd: '/p' },
    )
    const text = check(html)
    expect(text).toContain('Edit src/app.ts (every occurrence)')
    expect(text).toContain('- old line\n+ new line')
    expect(html).toContain('class="language-diff"')
  })

  it('shows each MultiEdit and the first lines of a Write', () => {
    const multi = check(
      describePermissionRequest('MultiEdit', {
        file_path: 'a.ts',
        edits: [
          { old_string: 'a', new_string: 'b' },
          { old_string: 'c', new_string: 'd' },
        ],
      }),
    )
    expect(multi).toContain('(2 edits)')
    expect(multi).toContain('- a\n+ b\n@@\n- c\n+ d')
    const content = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n')
    const write = check(describePermissionRequest('Write', { file_path: 'notes.md', content }))
    expect(write).toContain('Write notes.md (100 lines')
    expect(write).toContain('line 29\n… 70 more lines')
    expect(write).not.toContain('line 30\n')
  })

  it('falls back to the one-liner and pretty JSON', () => {
    const text = check(describePermissionRequest('mcp__db__query', { sql: 'select 1 < 2' }))
    expect(text).toContain('db/query')
    expect(text).toContain('"sql": "select 1 < 2"')
  })

  it.each([
    ['Bash', { command: `echo ${'<&>'.repeat(5000)}`, description: 'd'.repeat(5000) }],
    [
      'Edit',
      {
        file_path: `/${'x'.repeat(5000)}`,
        old_string: 'o\n'.repeat(5000),
        new_string: 'n'.repeat(20000),
      },
    ],
    [
      'MultiEdit',
      {
        file_path: 'f',
        edits: Array.from({ length: 500 }, () => ({
          old_string: 'a\n'.repeat(50),
          new_string: 'b',
        })),
      },
    ],
    ['Write', { file_path: 'f', content: '😀'.repeat(10000) }],
    ['x'.repeat(5000), { big: 'y'.repeat(50000) }],
  ])('stays valid and within 3500 visible chars for huge %s input', (name, input) => {
    const html = describePermissionRequest(name.slice(0, 5000), input)
    check(html)
    expect(visibleLength(html)).toBeLessThanOrEqual(3500)
  })
})

describe('editDiff', () => {
  it('drops shared leading and trailing lines and bounds each side', () => {
    expect(editDiff('a\nb\nc', 'a\nB\nc', 100)).toBe('  … 1 unchanged line\n- b\n+ B')
    expect(editDiff('', 'new', 100)).toBe('+ new')
    const big = editDiff('x\n'.repeat(500), 'y\n'.repeat(500), 200)
    expect(big.length).toBeLessThanOrEqual(200)
    expect(big).toMatch(/- … \d+ more lines/)
    expect(big).toMatch(/\+ … \d+ more lines/)
  })
})
