import { readFile } from 'node:fs/promises'
import { deferredToolCall, say, scenarioResponder, writePlan } from '@switchboard/test-utils'
import { describe, expect, test } from 'vitest'
import type { PermissionRequest } from '../../src/permissions.js'
import type { TurnEvent } from '../../src/turn-events.js'
import { useRealCliProcess } from '../support/real-cli.js'

// How the real CLI leaves plan mode: the model writes its plan file and calls ExitPlanMode, the request
// carries the plan, and the answer decides the mode the CLI reports (system/status permissionMode).
const { env, launch, events } = useRealCliProcess()
const PLAN_MODE = { permissionMode: 'plan' } as const

const PLAN = '# Plan\n\n1. **Fix** `sum()`\n2. Run the tests\n'

const modes = (all: TurnEvent[]) =>
  all.flatMap((e) => (e.type === 'permission_mode' ? [e.mode] : []))

describe('leaving plan mode with the real CLI', { timeout: 60_000 }, () => {
  test.each([
    ['an approval with setMode acceptEdits', { mode: 'acceptEdits' as const }, 'acceptEdits'],
    ['a plain approval', {}, 'default'],
  ])('%s: the plan is in the request, the CLI reports the new mode', async (_, extra, mode) => {
    env.api.setResponder(
      scenarioResponder({
        'plan it': [
          writePlan(PLAN),
          ...deferredToolCall('ExitPlanMode', {}),
          (req) => say(`result: ${req.toolResultText.slice(0, 60)}`),
        ],
      }),
    )
    const asked: PermissionRequest[] = []
    const proc = await launch(async (request) => {
      asked.push(request)
      return { behavior: 'allow', ...extra }
    }, PLAN_MODE)
    const turn = proc.send('plan it please')
    const all = await events(turn)
    const exit = asked.find((r) => r.toolName === 'ExitPlanMode')
    expect(exit?.input.plan).toBe(PLAN)
    expect(await readFile(String(exit?.input.planFilePath), 'utf8')).toBe(PLAN)
    expect(modes(all)).toEqual([mode])
    expect((await turn.done).text).toContain('User has approved your plan')
  })

  test('a denial with feedback: the model reads it, the CLI stays in plan mode', async () => {
    env.api.setResponder(
      scenarioResponder({
        'plan again': [
          writePlan(PLAN),
          ...deferredToolCall('ExitPlanMode', {}),
          (req) => say(`feedback: ${req.toolResultText}`),
        ],
      }),
    )
    const proc = await launch(
      async (request) =>
        request.toolName === 'ExitPlanMode'
          ? { behavior: 'deny', message: 'Add a step for the docs.' }
          : { behavior: 'allow' },
      PLAN_MODE,
    )
    const turn = proc.send('plan again please')
    const all = await events(turn)
    expect(modes(all)).toEqual([])
    const denied = all.filter((e) => e.type === 'tool_result').at(-1)
    expect(denied).toMatchObject({ isError: true, content: 'Add a step for the docs.' })
    expect((await turn.done).text).toBe('feedback: Add a step for the docs.')
  })

  test('the model entering plan mode itself (EnterPlanMode, asked nobody) is reported too', async () => {
    env.api.setResponder(
      scenarioResponder({
        'enter it': [...deferredToolCall('EnterPlanMode', {}), say('planning now')],
      }),
    )
    const asked: string[] = []
    const proc = await launch(
      async (request) => {
        asked.push(request.toolName)
        return { behavior: 'allow' }
      },
      { permissionMode: 'default' },
    )
    const all = await events(proc.send('enter it please'))
    expect(asked).toEqual([])
    expect(modes(all)).toEqual(['plan'])
  })
})
