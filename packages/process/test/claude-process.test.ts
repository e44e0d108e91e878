import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { ProcessError } from '../src/errors.js'
import type { TurnEvent } from '../src/turn-events.js'
import { collect, fakeProcess, isAlive, stopAllFakes } from './support/fake-process.js'

afterEach(stopAllFakes)

const texts = (events: TurnEvent[]) => events.flatMap((e) => (e.type === 'text' ? [e.text] : []))

describe('turns', () => {
  test('a turn yields typed events and resolves with the result', async () => {
    const proc = fakeProcess()
    await proc.start()
    expect(proc.state).toBe('idle')
    expect(proc.pid).toBeGreaterThan(0)
    const turn = proc.send('hello')
    const { events, error } = await collect(turn)
    expect(error).toBeUndefined()
    expect(texts(events)).toEqual(['echo: hello'])
    const result = await turn.done
    expect(result).toMatchObject({
      subtype: 'success',
      isError: false,
      text: 'echo: hello',
      claudeSessionId: 'fake-session-1',
      costUsd: 0.001,
      numTurns: 1,
      durationMs: 7,
    })
    expect(result.usage).toEqual({
      inputTokens: 3,
      outputTokens: 5,
      cacheReadInputTokens: 1,
      cacheCreationInputTokens: 2,
    })
    expect(events.at(-1)?.type).toBe('result')
    expect(turn.state).toBe('completed')
    expect(proc.init).toMatchObject({
      claudeSessionId: 'fake-session-1',
      model: 'fake-model',
      tools: ['Bash', 'Write'],
    })
    expect(proc.claudeSessionId).toBe('fake-session-1')
  })

  test('turns sent at once run one after another, in order, none dropped', async () => {
    const proc = fakeProcess()
    const turns = ['one', 'SLOW 3', 'two', 'three'].map((p) => proc.send(p))
    expect(proc.queueLength).toBe(4)
    await proc.start()
    const results = await Promise.all(turns.map((t) => t.done))
    expect(results.map((r) => r.text)).toEqual([
      'echo: one',
      'slow done',
      'echo: two',
      'echo: three',
    ])
    expect(proc.queueLength).toBe(0)
    expect(proc.state).toBe('idle')
  })

  test('text deltas stream before the result', async () => {
    const proc = fakeProcess()
    await proc.start()
    const { events } = await collect(proc.send('SLOW 3'))
    const deltas = events.flatMap((e) => (e.type === 'text_delta' ? [e.text] : []))
    expect(deltas).toEqual(['tick 1 ', 'tick 2 ', 'tick 3 '])
  })

  test('garbage on stdout is logged, not fatal: split lines, a 5 MB line and unknown types come through', async () => {
    const warnings: string[] = []
    const logger = {
      debug() {},
      info() {},
      warn: (_: object, msg?: string) => void warnings.push(msg ?? ''),
      error() {},
    }
    const proc = fakeProcess({ logger })
    await proc.start()
    const { events } = await collect(proc.send('GARBAGE'))
    expect(warnings).toContain('invalid JSON on the CLI stdout')
    expect(texts(events)[0]).toBe('split line')
    expect(texts(events)[1]).toHaveLength(5 * 1024 * 1024)
    const unknown = events
      .filter((e) => e.type === 'unknown')
      .map((e) => (e.type === 'unknown' ? e.reason : ''))
    expect(unknown).toEqual([
      'type brand_new_type',
      'system subtype brand_new_subtype',
      'assistant block redacted_thinking',
    ])
    expect((await proc.send('still alive').done).text).toBe('echo: still alive')
  })
})

describe('control requests', () => {
  test('interrupt ends the running turn with error_during_execution; queued turns still run', async () => {
    const proc = fakeProcess()
    await proc.start()
    const slow = proc.send('SLOW 200')
    const next = proc.send('after')
    for await (const event of slow) if (event.type === 'text_delta') break
    await proc.interrupt()
    const result = await slow.done
    expect(result).toMatchObject({ subtype: 'error_during_execution', isError: true })
    expect((await next.done).text).toBe('echo: after')
  })

  test('setModel and setPermissionMode reach the CLI', async () => {
    const proc = fakeProcess()
    await proc.start()
    await proc.setModel('other-model')
    await proc.setPermissionMode('acceptEdits')
    const seen = JSON.parse((await proc.send('CTRL?').done).text ?? '[]')
    expect(seen).toEqual([
      { subtype: 'initialize' },
      { subtype: 'set_model', model: 'other-model' },
      { subtype: 'set_permission_mode', mode: 'acceptEdits' },
    ])
  })

  test('an unanswered control request fails with CONTROL_TIMEOUT; a refused one with CONTROL_FAILED', async () => {
    const silent = fakeProcess({
      fakeEnv: { FAKE_CLAUDE_CONTROL: 'ignore' },
      controlTimeoutMs: 100,
    })
    await silent.start()
    await expect(silent.setModel('x')).rejects.toMatchObject({ code: 'CONTROL_TIMEOUT' })
    const refusing = fakeProcess({ fakeEnv: { FAKE_CLAUDE_CONTROL: 'error' } })
    await refusing.start()
    await expect(refusing.setModel('x')).rejects.toMatchObject({
      code: 'CONTROL_FAILED',
      message: expect.stringContaining('cannot set_model'),
    })
  })

  test('control requests before start() fail with NOT_RUNNING', async () => {
    await expect(fakeProcess().setModel('x')).rejects.toMatchObject({ code: 'NOT_RUNNING' })
  })
})

describe('faults', () => {
  test('a crash mid-turn rejects the turn with exit code and stderr; queued turns are handed back', async () => {
    const proc = fakeProcess()
    const exits: unknown[] = []
    proc.onExit((exit) => exits.push(exit))
    await proc.start()
    const crashing = proc.send('CRASH')
    const queued = proc.send('never sent')
    const { events, error } = await collect(crashing)
    expect(texts(events)).toEqual(['about to crash'])
    expect(error).toBeInstanceOf(ProcessError)
    expect(error).toMatchObject({ code: 'PROCESS_EXITED', exitCode: 3 })
    expect((error as Error).message).toContain('exited with code 3')
    expect((error as Error).message).toContain('something broke inside')
    await expect(crashing.done).rejects.toBe(error)
    await expect(queued.done).rejects.toMatchObject({
      code: 'TURN_NOT_STARTED',
      prompt: 'never sent',
    })
    expect(proc.state).toBe('exited')
    expect(exits).toEqual([
      expect.objectContaining({ exitCode: 3, stopped: false, unstartedPrompts: ['never sent'] }),
    ])
    expect(proc.stderrTail().join('\n')).toContain('something broke inside')
    await expect(proc.send('late').done).rejects.toMatchObject({ code: 'TURN_NOT_STARTED' })
  })

  test('a process killed from outside fails the running turn naming the signal', async () => {
    const proc = fakeProcess()
    await proc.start()
    const turn = proc.send('HANG')
    await new Promise((r) => setTimeout(r, 50))
    process.kill(proc.pid ?? 0, 'SIGKILL')
    await expect(turn.done).rejects.toMatchObject({
      code: 'PROCESS_EXITED',
      signal: 'SIGKILL',
      message: expect.stringContaining('killed by SIGKILL'),
    })
  })

  test('a start that never becomes ready fails with START_TIMEOUT and the process is killed', async () => {
    // Long enough for the fake to print its stderr line even on a loaded CI machine.
    const proc = fakeProcess({ fakeEnv: { FAKE_CLAUDE_NO_INIT: '1' }, startTimeoutMs: 2_000 })
    await expect(proc.start()).rejects.toMatchObject({
      code: 'START_TIMEOUT',
      message: expect.stringContaining('fake-claude started'),
    })
    expect(proc.state).toBe('exited')
    expect(isAlive(proc.pid ?? 0)).toBe(false)
  })

  test('a slow start is waited for; turns sent meanwhile run after it', async () => {
    const proc = fakeProcess({ fakeEnv: { FAKE_CLAUDE_START_DELAY_MS: '300' } })
    const turn = proc.send('early')
    expect(proc.state).toBe('starting')
    await proc.start()
    expect((await turn.done).text).toBe('echo: early')
  })

  test('a missing or non-executable CLI is a coded error naming the path', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'claude-path-'))
    try {
      const missing = join(dir, 'nope')
      const notFound = fakeProcess({ claudePath: missing })
      const early = notFound.send('sent before start')
      const exits: unknown[] = []
      notFound.onExit((exit) => exits.push(exit))
      await expect(notFound.start()).rejects.toMatchObject({
        code: 'CLI_NOT_FOUND',
        message: expect.stringContaining(missing),
      })
      // Nothing waits forever: the early turn fails with the same reason, and the exit is reported.
      await expect(early.done).rejects.toMatchObject({ code: 'CLI_NOT_FOUND' })
      expect(notFound.state).toBe('exited')
      expect(exits).toHaveLength(1)
      const plain = join(dir, 'claude')
      await writeFile(plain, '#!/bin/sh\n')
      await chmod(plain, 0o644)
      await expect(fakeProcess({ claudePath: plain }).start()).rejects.toMatchObject({
        code: 'CLI_NOT_EXECUTABLE',
        message: expect.stringContaining(plain),
      })
      await expect(
        fakeProcess({ claudePath: 'claude', env: { PATH: dir } }).start(),
      ).rejects.toMatchObject({ code: 'CLI_NOT_EXECUTABLE' })
      await expect(
        fakeProcess({ claudePath: 'no-such-claude', env: { PATH: dir } }).start(),
      ).rejects.toMatchObject({ code: 'CLI_NOT_FOUND' })
      const badInterpreter = join(dir, 'bad-interpreter')
      await writeFile(badInterpreter, '#!/no/such/interpreter\n')
      await chmod(badInterpreter, 0o755)
      await expect(fakeProcess({ claudePath: badInterpreter }).start()).rejects.toMatchObject({
        code: 'PROCESS_EXITED',
        message: expect.stringContaining('spawn failed'),
      })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})

describe('stop', () => {
  test('stop closes stdin and the CLI exits by itself', async () => {
    const proc = fakeProcess()
    await proc.start()
    const pid = proc.pid ?? 0
    const exits: unknown[] = []
    proc.onExit((exit) => exits.push(exit))
    await proc.stop()
    expect(proc.state).toBe('exited')
    expect(exits).toEqual([expect.objectContaining({ exitCode: 0, stopped: true })])
    expect(isAlive(pid)).toBe(false)
  })

  test('a CLI that ignores stdin EOF and SIGTERM is SIGKILLed, and its children with it', async () => {
    const proc = fakeProcess({ fakeEnv: { FAKE_CLAUDE_IGNORE_TERM: '1' } })
    await proc.start()
    const pid = proc.pid ?? 0
    const childPid = Number((await proc.send('SUBPROCESS').done).text)
    expect(isAlive(childPid)).toBe(true)
    const running = proc.send('HANG')
    await proc.stop()
    await expect(running.done).rejects.toMatchObject({ code: 'PROCESS_STOPPED', signal: 'SIGKILL' })
    expect(isAlive(pid)).toBe(false)
    expect(proc.stderrTail()).toContain('ignoring SIGTERM')
    await expect.poll(() => isAlive(childPid)).toBe(false)
  })

  test('stop fails queued turns with TURN_NOT_STARTED, handing their prompts back', async () => {
    const proc = fakeProcess()
    await proc.start()
    const running = proc.send('SLOW 3')
    const queued = proc.send('queued')
    const exit = new Promise((resolve) => proc.onExit(resolve))
    await proc.stop()
    const notStarted = await queued.done.catch((error: unknown) => error)
    expect(notStarted).toMatchObject({ code: 'TURN_NOT_STARTED', prompt: 'queued' })
    // Logged errors are serialised field by field: the user's text must not be one of them.
    expect(JSON.stringify(notStarted)).not.toContain('queued')
    expect((await running.done).text).toBe('slow done')
    expect(await exit).toMatchObject({ unstartedPrompts: ['queued'] })
  })
})
