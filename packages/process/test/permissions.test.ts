import { afterEach, expect, test } from 'vitest'
import type { PermissionHandler, PermissionRequest } from '../src/permissions.js'
import type { TurnEvent } from '../src/turn-events.js'
import { collect, fakeProcess, stopAllFakes } from './support/fake-process.js'
import { recordingLogger } from './support/recording-logger.js'

afterEach(stopAllFakes)

// The fake CLI reports the control_response payload it received as the turn's result text.
async function ask(
  handler: PermissionHandler | undefined,
  prompt = 'PERM Bash echo hi',
  extra = {},
) {
  const proc = fakeProcess({ onPermissionRequest: handler, ...extra })
  await proc.start()
  const turn = proc.send(prompt)
  const { events } = await collect(turn)
  const sent = JSON.parse((await turn.done).text ?? '{}')
  return { proc, events, sent }
}

const decisionOf = (events: TurnEvent[]) => events.find((e) => e.type === 'permission_decision')
const toolResult = (events: TurnEvent[]) => events.find((e) => e.type === 'tool_result')

test('allow: the handler sees the request and the tool runs with the original input', async () => {
  const seen: PermissionRequest[] = []
  const { events, sent } = await ask(async (req) => {
    seen.push(req)
    return { behavior: 'allow' }
  })
  expect(seen[0]).toMatchObject({
    toolName: 'Bash',
    input: { command: 'echo hi' },
    toolUseId: 'toolu_perm_1',
    turnId: 'turn_1',
  })
  expect(sent).toEqual({ behavior: 'allow', updatedInput: { command: 'echo hi' } })
  expect(events.map((e) => e.type)).toEqual([
    'tool_use',
    'permission_request',
    'permission_decision',
    'tool_result',
    'result',
  ])
  expect(decisionOf(events)).toMatchObject({
    decidedBy: 'handler',
    decision: { behavior: 'allow' },
  })
  expect(toolResult(events)).toMatchObject({ isError: false, content: 'ran' })
})

test('allow with updatedInput (e.g. AskUserQuestion answers) passes the new input', async () => {
  const { sent } = await ask(async () => ({
    behavior: 'allow',
    updatedInput: { command: 'echo changed' },
  }))
  expect(sent.updatedInput).toEqual({ command: 'echo changed' })
})

test('deny: the message reaches the CLI and the tool result is an error', async () => {
  const { events, sent } = await ask(async () => ({ behavior: 'deny', message: 'not today' }))
  expect(sent).toEqual({ behavior: 'deny', message: 'not today' })
  expect(toolResult(events)).toMatchObject({ isError: true, content: 'not today' })
})

test("always: the request's alwaysRule goes to the CLI and the same request is not asked again", async () => {
  let asked = 0
  const added: string[] = []
  const seen: PermissionRequest[] = []
  const proc = fakeProcess({
    onPermissionRequest: async (req) => {
      asked++
      seen.push(req)
      return { behavior: 'allow', always: true }
    },
    onAllowRule: (rule) => void added.push(rule),
  })
  await proc.start()
  const first = JSON.parse((await proc.send('PERM Bash echo hi').done).text ?? '{}')
  expect(seen[0]?.alwaysRule).toBe('Bash(echo hi)')
  expect(first.updatedPermissions).toEqual([
    {
      type: 'addRules',
      rules: [{ toolName: 'Bash', ruleContent: 'echo hi' }],
      behavior: 'allow',
      destination: 'session',
    },
  ])
  const again = proc.send('PERM Bash echo hi')
  const { events } = await collect(again)
  expect(asked).toBe(1)
  expect(events.some((e) => e.type === 'permission_request')).toBe(false)
  expect(decisionOf(events)).toMatchObject({
    decidedBy: 'session_rule',
    decision: { behavior: 'allow' },
  })
  expect(proc.allowedForSession).toEqual(['Bash(echo hi)'])
  expect(added).toEqual(['Bash(echo hi)'])
  // A different command is a different rule: asked again.
  await proc.send('PERM Bash rm -rf x').done
  expect(asked).toBe(2)
})

test('always with no narrow rule is a one-time allow: nothing remembered, the next request asked', async () => {
  const asked: PermissionRequest[] = []
  const { logger, warnings } = recordingLogger()
  const proc = fakeProcess({
    logger,
    onPermissionRequest: async (req) => {
      asked.push(req)
      return { behavior: 'allow', always: true }
    },
  })
  await proc.start()
  // `$(…)` cannot be carried by the rule syntax; the old store remembered the whole Bash tool here.
  const first = JSON.parse((await proc.send('PERM Bash echo $(id)').done).text ?? '{}')
  expect(asked[0]?.alwaysRule).toBeUndefined()
  expect(first).toEqual({ behavior: 'allow', updatedInput: { command: 'echo $(id)' } })
  expect(warnings).toContain('"always" answered for a request with no narrow rule: allowed once')
  await proc.send('PERM Bash cat .env').done
  await proc.send('PERM Bash echo $(id)').done
  expect(asked.map((r) => r.input.command)).toEqual(['echo $(id)', 'cat .env', 'echo $(id)'])
  // Only the exact `cat .env` (its own "always") was remembered.
  expect(proc.allowedForSession).toEqual(['Bash(cat .env)'])
})

test('rules carried from an earlier process are honoured without asking', async () => {
  const { events } = await ask(
    async () => ({ behavior: 'deny', message: 'should not be asked' }),
    'PERM Bash echo hi',
    {
      allowedForSession: ['Bash(echo hi)'],
    },
  )
  expect(decisionOf(events)).toMatchObject({ decidedBy: 'session_rule' })
})

/** A started fake process with carried-over rules whose handler allows once and counts the requests. */
async function withCarriedRules(allowedForSession: string[]) {
  const asked: string[] = []
  const proc = fakeProcess({
    allowedForSession,
    onPermissionRequest: async (req) => {
      asked.push(String(req.input.command))
      return { behavior: 'allow' }
    },
  })
  await proc.start()
  return { proc, asked }
}

test('carried-over rules that are not narrow (a whole tool, a wildcard) are ignored', async () => {
  const { proc, asked } = await withCarriedRules(['Bash', 'Bash(*)', 'Bash(echo *)'])
  await proc.send('PERM Bash echo hi').done
  expect(asked).toEqual(['echo hi'])
  expect(proc.allowedForSession).toEqual([])
})

test('forgetAllowRule: the driver stops answering with the rule', async () => {
  const { proc, asked } = await withCarriedRules(['Bash(echo hi)'])
  await proc.send('PERM Bash echo hi').done
  expect(asked).toEqual([])
  expect(proc.forgetAllowRule('Bash(echo hi)')).toBe(true)
  await proc.send('PERM Bash echo hi').done
  expect(asked).toEqual(['echo hi'])
})

test('no answer within permissionTimeoutMs: denied as timed out, and the handler signal fires', async () => {
  let aborted = false
  const { events, sent } = await ask(
    (_req, signal) =>
      new Promise(() => {
        signal.addEventListener('abort', () => {
          aborted = true
        })
      }),
    'PERM Bash echo hi',
    { permissionTimeoutMs: 100 },
  )
  expect(sent.behavior).toBe('deny')
  expect(sent.message).toMatch(/timed out/)
  expect(aborted).toBe(true)
  expect(decisionOf(events)).toMatchObject({ decidedBy: 'timeout' })
})

test('no handler: denied with a clear message', async () => {
  const { events, sent } = await ask(undefined)
  expect(sent).toEqual({
    behavior: 'deny',
    message: expect.stringContaining('No permission handler'),
  })
  expect(decisionOf(events)).toMatchObject({ decidedBy: 'no_handler' })
})

test('a throwing or invalid handler: denied and logged', async () => {
  const { logger, errors } = recordingLogger()
  const thrown = await ask(
    async () => {
      throw new Error('boom')
    },
    'PERM Bash echo hi',
    { logger },
  )
  expect(thrown.sent).toEqual({ behavior: 'deny', message: expect.stringContaining('boom') })
  expect(decisionOf(thrown.events)).toMatchObject({ decidedBy: 'handler_error' })
  const invalid = await ask(async () => ({ behavior: 'maybe' }) as never, 'PERM Bash echo hi', {
    logger,
  })
  expect(invalid.sent.behavior).toBe('deny')
  expect(errors).toEqual([
    'permission handler threw',
    'permission handler returned an invalid decision',
  ])
})

test('an interrupt while a permission request is open aborts the handler and denies it', async () => {
  let aborted = false
  const proc = fakeProcess({
    onPermissionRequest: (_req, signal) =>
      new Promise(() => {
        signal.addEventListener('abort', () => {
          aborted = true
        })
      }),
  })
  await proc.start()
  const turn = proc.send('PERM Bash echo hi')
  for await (const event of turn) if (event.type === 'permission_request') break
  await proc.interrupt()
  const sent = JSON.parse((await turn.done).text ?? '{}')
  expect(aborted).toBe(true)
  expect(sent).toMatchObject({ behavior: 'deny', message: expect.stringContaining('cancelled') })
})
