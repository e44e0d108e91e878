import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { deferredToolCall, say, scenarioResponder, toolCall } from '@switchboard/test-utils'
import { describe, expect, test } from 'vitest'
import { useRealCliProcess } from '../support/real-cli.js'

// The fake Messages API's scenarios played by the real CLI: a multi-step coding turn (read, edit, a failing
// Bash command) and deferred tools loaded through ToolSearch, as later bot tests rely on.
const { env, launch, events } = useRealCliProcess()

describe('scenario responder with the real CLI', { timeout: 60_000 }, () => {
  test('read, edit and a failing test run, each step seeing the previous result', async () => {
    await writeFile(join(env.dirs.work, 'sum.js'), 'const sum = (a, b) => a - b\n')
    const file = join(env.dirs.work, 'sum.js')
    env.api.setResponder(
      scenarioResponder({
        'fix sum': [
          toolCall('Read', { file_path: file }),
          toolCall('Edit', { file_path: file, old_string: 'a - b', new_string: 'a + b' }),
          toolCall('Bash', { command: 'echo "1 failing" && exit 1', description: 'run tests' }),
          (req) => say(`saw: ${req.toolResultText.slice(0, 80)}`),
        ],
      }),
    )
    const proc = await launch(async () => ({ behavior: 'allow' }))
    const turn = proc.send('fix sum please')
    const all = await events(turn)
    const result = await turn.done
    expect(
      all.filter((e) => e.type === 'tool_use').map((e) => (e as { name: string }).name),
    ).toEqual(['Read', 'Edit', 'Bash'])
    expect(await readFile(file, 'utf8')).toContain('a + b')
    expect(result.text).toMatch(/^saw: .*1 failing/s)
    const bashResult = all.filter((e) => e.type === 'tool_result').at(-1)
    expect(bashResult).toMatchObject({ isError: true })
  })

  test('a deferred tool loads through ToolSearch and reaches the permission handler', async () => {
    const asked: { toolName: string; input: unknown }[] = []
    env.api.setResponder(
      scenarioResponder({
        'ask me': [
          ...deferredToolCall('AskUserQuestion', {
            questions: [
              {
                question: 'Which colour?',
                header: 'Colour',
                multiSelect: false,
                options: [
                  { label: 'Red', description: 'warm' },
                  { label: 'Blue', description: 'cool' },
                ],
              },
            ],
          }),
          (req) => say(`answer: ${req.toolResultText.slice(0, 120)}`),
        ],
      }),
    )
    const proc = await launch(async (request) => {
      asked.push({ toolName: request.toolName, input: request.input })
      return { behavior: 'deny', message: 'no colour today' }
    })
    const turn = proc.send('ask me something')
    await events(turn)
    expect(asked.map((a) => a.toolName)).toEqual(['AskUserQuestion'])
    expect((await turn.done).text).toContain('no colour today')
  })
})
