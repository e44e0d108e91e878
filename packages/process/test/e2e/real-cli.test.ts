import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Persona } from '@switchboard/core'
import {
  claudeEnv,
  type FakeAnthropicApi,
  makeTempDir,
  startFakeAnthropicApi,
} from '@switchboard/test-utils'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { buildArgs } from '../../src/build-args.js'
import { buildChildEnv } from '../../src/child-env.js'
import { ClaudeProcess } from '../../src/claude-process.js'
import type { PermissionHandler } from '../../src/permissions.js'
import type { ClaudeProcessOptions } from '../../src/process-types.js'
import type { TurnEvent } from '../../src/turn-events.js'

// The driver against the real Claude Code CLI, with the model replaced by the fake Messages API.
const CLAUDE = fileURLToPath(new URL('../../node_modules/.bin/claude', import.meta.url))
const basePersona: Persona = { name: 'e2e', description: 'e2e', systemPrompt: '', settings: {} }

let api: FakeAnthropicApi
let home: Awaited<ReturnType<typeof makeTempDir>>
let workspace: Awaited<ReturnType<typeof makeTempDir>>
const live: ClaudeProcess[] = []

beforeAll(async () => {
  api = await startFakeAnthropicApi()
  home = await makeTempDir('process-e2e-home')
  workspace = await makeTempDir('process-e2e-workspace')
})
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.stop()))
})
afterAll(async () => {
  await api.close()
  await home.cleanup()
  await workspace.cleanup()
})

async function launch(
  options: {
    persona?: Persona
    resumeId?: string
    onPermissionRequest?: PermissionHandler
  } & Partial<ClaudeProcessOptions> = {},
) {
  const { persona = basePersona, resumeId, ...rest } = options
  const proc = new ClaudeProcess({
    cwd: workspace.path,
    args: buildArgs({ claudeSessionId: resumeId ?? null }, persona, {
      resume: resumeId !== undefined,
    }),
    env: buildChildEnv(claudeEnv({ apiUrl: api.url, home: home.path })),
    claudePath: CLAUDE,
    ...rest,
  })
  live.push(proc)
  await proc.start()
  return proc
}

async function events(turn: AsyncIterable<TurnEvent>): Promise<TurnEvent[]> {
  const all: TurnEvent[] = []
  for await (const event of turn) all.push(event)
  return all
}

describe('real Claude Code CLI', { timeout: 30_000 }, () => {
  let firstSessionId = ''

  test('two turns in one process; the second sees the first', async () => {
    const proc = await launch()
    const first = proc.send('hello e2e')
    const second = proc.send('REMEMBER?')
    const firstEvents = await events(first)
    expect(firstEvents.filter((e) => e.type === 'text_delta').length).toBeGreaterThan(0)
    expect(await first.done).toMatchObject({
      subtype: 'success',
      isError: false,
      text: 'echo: hello e2e',
    })
    expect((await second.done).text).toBe('history: hello e2e')
    expect(proc.init?.cwd).toBe(workspace.path)
    firstSessionId = proc.claudeSessionId ?? ''
    expect(firstSessionId).toMatch(/^[0-9a-f-]{36}$/)
  })

  test('a new process with --resume sees the first conversation', async () => {
    const proc = await launch({ resumeId: firstSessionId })
    expect((await proc.send('REMEMBER?').done).text).toBe('history: hello e2e | REMEMBER?')
  })

  test('a tool allowed and one denied through the permission callback', async () => {
    const asked: string[] = []
    const proc = await launch({
      onPermissionRequest: async (req) => {
        const command = String(req.input.command)
        asked.push(command)
        return command.includes('allowed')
          ? { behavior: 'allow' }
          : { behavior: 'deny', message: 'no denied files' }
      },
    })
    const allowed = await events(proc.send('TOOL:Bash:echo hi > allowed.txt'))
    expect(allowed.find((e) => e.type === 'tool_result')).toMatchObject({ isError: false })
    const denied = await events(proc.send('TOOL:Bash:echo hi > denied.txt'))
    expect(denied.find((e) => e.type === 'tool_result')).toMatchObject({
      isError: true,
      content: expect.stringContaining('no denied files'),
    })
    expect(asked).toEqual(['echo hi > allowed.txt', 'echo hi > denied.txt'])
    expect(existsSync(join(workspace.path, 'allowed.txt'))).toBe(true)
    expect(existsSync(join(workspace.path, 'denied.txt'))).toBe(false)
  })

  test('allow always: the same command is not asked again', async () => {
    let asked = 0
    const proc = await launch({
      onPermissionRequest: async () => {
        asked++
        return { behavior: 'allow', always: true }
      },
    })
    await proc.send('TOOL:Bash:echo x >> always.txt').done
    const again = await events(proc.send('TOOL:Bash:echo x >> always.txt'))
    expect(again.find((e) => e.type === 'tool_result')).toMatchObject({ isError: false })
    expect(asked).toBe(1)
    // The CLI still asks when the command writes a file (`blocked_path`); the remembered rule answers it.
    expect(again.find((e) => e.type === 'permission_decision')).toMatchObject({
      decidedBy: 'session_rule',
    })
    // The CLI suggested the prefix `echo x *`, but the command has a redirect: the exact command is
    // remembered instead, and kept for a resumed process…
    expect(proc.allowedForSession).toEqual(['Bash(echo x >> always.txt)'])
    // …and only for the session: nothing was written to the project's settings.
    expect(existsSync(join(workspace.path, '.claude', 'settings.local.json'))).toBe(false)
  })

  test('interrupt mid-stream, then another turn works', async () => {
    const proc = await launch()
    const slow = proc.send('SLOW:4000:one two three four five six seven eight nine ten')
    const next = proc.send('after interrupt')
    for await (const event of slow) if (event.type === 'text_delta') break
    await proc.interrupt()
    expect(await slow.done).toMatchObject({ subtype: 'error_during_execution', isError: true })
    expect((await next.done).text).toBe('echo: after interrupt')
  })

  test('persona settings reach the request: model and appended system prompt', async () => {
    const persona: Persona = {
      ...basePersona,
      systemPrompt: '-Persona marker PX-42.',
      settings: { model: 'claude-e2e-model' },
    }
    const proc = await launch({ persona })
    expect((await proc.send('MODEL?').done).text).toBe('claude-e2e-model')
    expect((await proc.send('SYSTEM?').done).text).toContain('-Persona marker PX-42.')
    expect(proc.init?.model).toBe('claude-e2e-model')
  })

  test('the process SIGKILLed mid-turn: the turn fails with a clear error', async () => {
    const proc = await launch()
    const turn = proc.send('SLOW:5000:never finishes')
    for await (const event of turn) if (event.type === 'text_delta') break
    process.kill(proc.pid ?? 0, 'SIGKILL')
    await expect(turn.done).rejects.toMatchObject({
      code: 'PROCESS_EXITED',
      signal: 'SIGKILL',
      message: expect.stringContaining('killed by SIGKILL'),
    })
    expect(proc.state).toBe('exited')
  })
})
