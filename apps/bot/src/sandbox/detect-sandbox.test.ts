import type { SandboxCheck } from '@switchboard/process'
import pino from 'pino'
import { expect, test, vi } from 'vitest'
import { decideSandbox } from './detect-sandbox.js'
import { SANDBOX_MISSING_NOTICE } from './sandbox-state.js'

const missing: SandboxCheck = {
  available: false,
  reason: 'bwrap_missing',
  detail: 'bwrap not found on PATH',
}
const works: SandboxCheck = { available: true, backend: 'bubblewrap' }

function capture() {
  const lines: { level: number; msg: string }[] = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) })
  return { logger, lines }
}

test('off: no check, off, and a warning that Bash runs unsandboxed', async () => {
  const { logger, lines } = capture()
  const check = vi.fn(async () => works)
  expect(await decideSandbox('off', {}, logger, check)).toEqual({
    ok: true,
    state: { status: 'off' },
  })
  expect(check).not.toHaveBeenCalled()
  expect(lines).toEqual([
    expect.objectContaining({ level: 40, msg: expect.stringContaining('off') }),
  ])
})

test('auto or required where the sandbox works: on, checked with the bot environment', async () => {
  const { logger } = capture()
  const env = { PATH: '/somewhere' }
  const check = vi.fn(async () => works)
  for (const mode of ['auto', 'required'] as const) {
    expect(await decideSandbox(mode, env, logger, check)).toEqual({
      ok: true,
      state: { status: 'on' },
    })
  }
  expect(check).toHaveBeenCalledWith(env)
})

test('auto where it does not work: unavailable, with a warning naming the reason', async () => {
  const { logger, lines } = capture()
  const decision = await decideSandbox('auto', {}, logger, async () => missing)
  expect(decision).toEqual({
    ok: true,
    state: { status: 'unavailable', reason: 'bwrap_missing: bwrap not found on PATH' },
  })
  expect(lines).toContainEqual(
    expect.objectContaining({ level: 40, msg: SANDBOX_MISSING_NOTICE, reason: 'bwrap_missing' }),
  )
})

test('required where it does not work: a refusal that says what to install', async () => {
  const { logger } = capture()
  expect(await decideSandbox('required', {}, logger, async () => missing)).toEqual({
    ok: false,
    message:
      "SWITCHBOARD_SANDBOX=required, but Claude Code's sandbox does not work here (bwrap_missing: bwrap not found on PATH): install bubblewrap and socat",
  })
})
