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
    ['WebFetch', { url: 'https://example.com/a', prompt: 'sum' }, 'WebFetch: example.com/a'],
    ['WebSearch', { query: 'vitest fake timers' }, 'WebSearch: vitest fake timers'],
    ['Task', { description: 'Find bugs', prompt: '…' }, 'Task: Find bugs'],
    ['TodoWrite', { todos: [{}, {}, {}] }, 'Todos: 3 items'],
    [
      'TodoWrite',
      {
        todos: [
          { content: 'Fix sum', status: 'completed' },
          { content: 'Run tests', status: 'in_progress', activeForm: 'Running tests' },
        ],
      },
      'Todos: 2 items, now: Running tests',
    ],
    ['Agent', { description: 'Find bugs', prompt: '…' }, 'Agent: Find bugs'],
    [
      'AskUserQuestion',
      { questions: [{ question: 'Which colour?', options: [] }, { question: 'Size?' }] },
      'Question: Which colour? (+1 more)',
    ],
    ['ExitPlanMode', { plan: '# Plan\n1. do it' }, 'Plan ready for approval'],
    ['ExitPlanMode', {}, 'Plan ready for approval'],
    ['ToolSearch', { query: 'select:TodoWrite', max_results: 1 }, 'Load tool: TodoWrite'],
    ['mcp__github__create_issue', {}, 'github: create_issue'],
    ['mcp__github__create_issue', { title: 'Bug' }, 'github: create_issue (title: Bug)'],
    ['Bash', { wrong: 1 }, 'Bash (wrong: 1)'],
    ['Mystery', { nested: { deep: true }, list: [1] }, 'Mystery (2 fields)'],
    ['Mystery', { a: { b: 1 }, title: 'Bug' }, 'Mystery (title: Bug, …)'],
    ['Mystery', undefined, 'Mystery'],
  ])('%s %j', (name, input, expected) => {
    expect(describeToolUse(name, input, { cwd: '/home/me/proj' })).toBe(expected)
  })

  it('never shows raw JSON: long values are cut, values JSON cannot print are no trouble', () => {
    const long = describeToolUse('Custom', { data: 'x'.repeat(1000) }, { maxLength: 50 })
    expect(long.length).toBe(50)
    expect(long.endsWith('…')).toBe(true)
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(describeToolUse('Custom', cyclic)).toBe('Custom (1 field)')
    expect(describeToolUse('Custom', { n: 1n })).toBe('Custom (1 field)')
    expect(describeToolUse('Custom', { q: '{"a":1}' })).toBe('Custom (q: {"a":1})')
  })

  it('shows MCP names and long paths compactly', () => {
    expect(displayToolName('mcp__fs__read_file')).toBe('fs/read_file')
    expect(displayToolName('Bash')).toBe('Bash')
    expect(displayPath(`/very/${'deep/'.repeat(20)}dir/file.ts`)).toBe('…/deep/dir/file.ts')
  })
})
