import { describe, expect, test } from 'vitest'
import { failureReason, toolOutcome } from './tool-result.js'

// Results as Claude Code 2.1.330 reports them (tool_result content + tool_use_result), recorded with
// the real CLI against the fake Messages API.
const cwd = '/w'

describe('toolOutcome', () => {
  test('Read: the path', () => {
    const outcome = toolOutcome(
      'Read',
      { file_path: '/w/src/sum.js' },
      {
        isError: false,
        content: '1\tconst sum = (a, b) => a - b\n',
        toolUseResult: { type: 'text', file: { filePath: '/w/src/sum.js', numLines: 2 } },
      },
      cwd,
    )
    expect(outcome).toEqual({ line: 'Read src/sum.js', failed: false, tail: [], output: undefined })
  })

  test('Edit: lines added and removed, from the CLI’s patch', () => {
    const report = {
      filePath: '/w/sum.js',
      structuredPatch: [
        {
          oldStart: 1,
          lines: [
            '-const sum = (a, b) => a - b',
            '+const sum = (a, b) => a + b',
            ' module.exports = sum',
          ],
        },
      ],
    }
    const input = { file_path: '/w/sum.js', old_string: 'a - b', new_string: 'a + b' }
    expect(
      toolOutcome('Edit', input, { isError: false, content: 'updated', toolUseResult: report }, cwd)
        .line,
    ).toBe('Edit sum.js (+1 −1)')
  })

  test('Write of a new file: its line count', () => {
    const report = { type: 'create', filePath: '/w/new.js', content: 'a\nb\n', structuredPatch: [] }
    const input = { file_path: '/w/new.js', content: 'a\nb\n' }
    expect(
      toolOutcome(
        'Write',
        input,
        { isError: false, content: 'File created', toolUseResult: report },
        cwd,
      ).line,
    ).toBe('Write new.js (new file, 2 lines)')
  })

  test('Bash exiting non-zero: the exit code and the last lines', () => {
    const content = 'Exit code 1\nline 1\nline 2\nline 3\nline 4\n1 failing'
    const outcome = toolOutcome(
      'Bash',
      { command: 'npm test' },
      {
        isError: true,
        content,
        toolUseResult: `Error: ${content}`,
      },
    )
    expect(outcome).toEqual({
      line: 'npm test — exit 1',
      failed: true,
      tail: ['line 3', 'line 4', '1 failing'],
      output: 'line 1\nline 2\nline 3\nline 4\n1 failing',
    })
  })

  test('Bash that worked: exit 0 and its output; interrupted and background runs say so', () => {
    const ok = { stdout: 'ok', stderr: '', interrupted: false, isImage: false }
    expect(
      toolOutcome(
        'Bash',
        { command: 'echo ok' },
        { isError: false, content: 'ok', toolUseResult: ok },
      ),
    ).toEqual({
      line: 'echo ok — exit 0',
      failed: false,
      tail: ['ok'],
      output: 'ok',
    })
    const cut = { ...ok, interrupted: true }
    expect(
      toolOutcome(
        'Bash',
        { command: 'sleep 9' },
        { isError: false, content: '', toolUseResult: cut },
      ).line,
    ).toBe('sleep 9 — interrupted')
    const bg = { ...ok, backgroundTaskId: 'b1' }
    expect(
      toolOutcome('Bash', { command: 'serve' }, { isError: false, content: '', toolUseResult: bg })
        .line,
    ).toBe('serve — running in the background')
  })

  test('a Bash that never ran (denied) fails with the reason', () => {
    const denied = { isError: true, content: 'Not now, run the linter first' }
    expect(toolOutcome('Bash', { command: 'npm test' }, denied).line).toBe(
      'npm test failed: Not now, run the linter first',
    )
  })

  test('a refused permission: denied, with the reason the model got', () => {
    const denied = { isError: true, content: 'The user denied this.', denied: true }
    expect(toolOutcome('Edit', { file_path: '/w/a.ts' }, denied, cwd).line).toBe(
      'Edit a.ts denied: The user denied this.',
    )
    expect(toolOutcome('Bash', { command: 'rm -rf x' }, denied).line).toBe(
      'rm -rf x denied: The user denied this.',
    )
  })

  test('failed tools: the reason without the CLI’s wrapping', () => {
    const content =
      '<tool_use_error>Error: No such tool available: TodoWrite. TodoWrite is disabled for this session.</tool_use_error>'
    expect(toolOutcome('TodoWrite', { todos: [] }, { isError: true, content }).line).toBe(
      'TodoWrite failed: No such tool available: TodoWrite. TodoWrite is disabled for this session.',
    )
    expect(
      toolOutcome(
        'Read',
        { file_path: '/w/nope.js' },
        { isError: true, content: 'File does not exist.' },
        cwd,
      ).line,
    ).toBe('Read nope.js failed: File does not exist.')
    expect(failureReason('')).toBe('no reason given')
    expect(toolOutcome('mcp__fs__read', { p: 1 }, { isError: true, content: 'boom' }).line).toBe(
      'fs: read failed: boom',
    )
  })

  test('a question with its answer; a tool to load that does not exist', () => {
    const input = { questions: [{ question: 'Which colour?', options: [] }] }
    const report = { questions: input.questions, answers: { 'Which colour?': 'Red' } }
    const answered = {
      isError: false,
      content: 'Your questions have been answered',
      toolUseResult: report,
    }
    expect(toolOutcome('AskUserQuestion', input, answered).line).toBe(
      'Question: Which colour? → Red',
    )
    const search = { query: 'select:TodoWrite', max_results: 1 }
    const none = {
      isError: false,
      content: 'No matching deferred tools found',
      toolUseResult: { matches: [] },
    }
    expect(toolOutcome('ToolSearch', search, none).line).toBe(
      'Load tool: TodoWrite — not available',
    )
    const found = { isError: false, content: '', toolUseResult: { matches: ['TodoWrite'] } }
    expect(toolOutcome('ToolSearch', search, found).line).toBe('Load tool: TodoWrite')
  })

  test('unknown and MCP tools: a generic line, never JSON', () => {
    const r = { isError: false, content: '{"id":7}' }
    expect(toolOutcome('mcp__github__create_issue', { title: 'Bug', body: 'x' }, r).line).toBe(
      'github: create_issue (title: Bug, …)',
    )
    expect(toolOutcome('Mystery', { deep: { a: 1 } }, r).line).toBe('Mystery (1 field)')
  })
})
