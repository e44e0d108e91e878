import { describe, expect, it } from 'vitest'
import { describeToolUse, displayPath, displayToolName } from './tool-summary.js'

describe('describeToolUse', () => {
  it.each([
    ['Bash', { command: 'npm test' }, 'Bash: npm test'],
    ['Bash', { command: 'set -e\nnpm ci\nnpm test' }, 'Bash: set -e …'],
    [
      'Edit',
      { file_path: '/home/me/proj/src/app.ts', old_string: 'a', new_string: 'b' },
      'Edit: src/app.ts',
    ],
    ['Write', { file_path: '/home/me/proj/notes.md', content: 'x' }, 'Write: notes.md'],
    ['Read', { file_path: 'README.md' }, 'Read: README.md'],
    ['MultiEdit', { file_path: '/elsewhere/x.ts', edits: [] }, 'MultiEdit: /elsewhere/x.ts'],
    ['Grep', { pattern: 'TODO', path: '/home/me/proj/src' }, 'Grep: TODO in src'],
    ['Grep', { pattern: 'TODO', glob: '*.ts' }, 'Grep: TODO (*.ts)'],
    ['Glob', { pattern: '**/*.ts' }, 'Glob: **/*.ts'],
    [
      'WebFetch',
      { url: 'https://example.com/a', prompt: 'sum' },
      'WebFetch: https://example.com/a',
    ],
    ['WebSearch', { query: 'vitest fake timers' }, 'WebSearch: vitest fake timers'],
    ['Task', { description: 'Find bugs', prompt: '…' }, 'Task: Find bugs'],
    ['TodoWrite', { todos: [{}, {}, {}] }, 'TodoWrite: 3 items'],
    ['mcp__github__create_issue', {}, 'github/create_issue'],
    ['mcp__github__create_issue', { title: 'Bug' }, 'github/create_issue: {"title":"Bug"}'],
    ['Bash', { wrong: 1 }, 'Bash: {"wrong":1}'],
    ['Mystery', undefined, 'Mystery'],
  ])('%s %j', (name, input, expected) => {
    expect(describeToolUse(name, input, { cwd: '/home/me/proj' })).toBe(expected)
  })

  it('truncates long inputs and survives values JSON cannot print', () => {
    const long = describeToolUse('Custom', { data: 'x'.repeat(1000) })
    expect(long.length).toBe(120)
    expect(long.endsWith('…')).toBe(true)
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(describeToolUse('Custom', cyclic)).toBe('Custom: [unprintable input]')
    expect(describeToolUse('Custom', { n: 1n })).toBe('Custom: [unprintable input]')
  })

  it('shows MCP names and long paths compactly', () => {
    expect(displayToolName('mcp__fs__read_file')).toBe('fs/read_file')
    expect(displayToolName('Bash')).toBe('Bash')
    expect(displayPath(`/very/${'deep/'.repeat(20)}dir/file.ts`)).toBe('…/deep/dir/file.ts')
  })
})
