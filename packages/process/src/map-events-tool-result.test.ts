import { describe, expect, test } from 'vitest'
import { mapLineToEvents } from './map-events.js'
import { parseLine } from './protocol/parse-line.js'

// User lines as Claude Code 2.1.330 writes them (recorded with the real CLI and the fake Messages API).
const bashFailed = {
  type: 'user',
  message: {
    role: 'user',
    content: [
      {
        type: 'tool_result',
        content: 'Exit code 1\nline 1\n1 failing',
        is_error: true,
        tool_use_id: 'toolu_1',
      },
    ],
  },
  parent_tool_use_id: null,
  tool_use_result: 'Error: Exit code 1\nline 1\n1 failing',
}
const bashOk = {
  type: 'user',
  message: {
    role: 'user',
    content: [{ tool_use_id: 'toolu_2', type: 'tool_result', content: 'ok', is_error: false }],
  },
  parent_tool_use_id: null,
  tool_use_result: { stdout: 'ok', stderr: '', interrupted: false, isImage: false },
}

function events(line: unknown) {
  return mapLineToEvents(parseLine(JSON.stringify(line)))
}

describe('tool results carry the CLI’s structured report', () => {
  test('a failed Bash: the text with its exit code and the error string', () => {
    expect(events(bashFailed)).toEqual([
      {
        type: 'tool_result',
        toolUseId: 'toolu_1',
        isError: true,
        content: 'Exit code 1\nline 1\n1 failing',
        parentToolUseId: null,
        toolUseResult: 'Error: Exit code 1\nline 1\n1 failing',
      },
    ])
  })

  test('a Bash that worked: stdout and stderr apart', () => {
    expect(events(bashOk)[0]).toMatchObject({
      isError: false,
      toolUseResult: { stdout: 'ok', stderr: '' },
    })
  })

  test('two results on one line share no report (it could be either one’s)', () => {
    const two = structuredClone(bashOk)
    two.message.content.push({ ...two.message.content[0], tool_use_id: 'toolu_3' } as never)
    const mapped = events(two)
    expect(mapped).toHaveLength(2)
    for (const e of mapped) expect(e).not.toHaveProperty('toolUseResult')
  })
})
