import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  claudeEnv,
  type FakeAnthropicApi,
  makeTempDir,
  startFakeAnthropicApi,
} from '../src/index.js'
import { ClaudeCliSession, claudeBin, hasClaude } from './claude-cli-session.js'

const title = hasClaude
  ? 'the real Claude Code CLI against the fake API'
  : `the real Claude Code CLI (SKIPPED: no binary at ${claudeBin}; run pnpm install in packages/process)`

describe.skipIf(!hasClaude)(title, { timeout: 60_000 }, () => {
  let api: FakeAnthropicApi
  let home: Awaited<ReturnType<typeof makeTempDir>>
  const sessions: ClaudeCliSession[] = []

  beforeEach(async () => {
    api = await startFakeAnthropicApi()
    home = await makeTempDir('claude-cli-test')
  })
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.close()))
    await api.close()
    await home.cleanup()
  })

  function start(args: string[] = []): ClaudeCliSession {
    const session = new ClaudeCliSession({
      cwd: home.path,
      env: claudeEnv({ apiUrl: api.url, home: home.path }),
      args,
    })
    sessions.push(session)
    return session
  }

  it('answers a text turn with a successful, costed result', async () => {
    const cli = start()
    const result = await cli.turn('hello there')
    expect(result).toMatchObject({
      subtype: 'success',
      is_error: false,
      result: 'echo: hello there',
    })
    expect(result.total_cost_usd).toBeGreaterThan(0)
    expect(result.usage.input_tokens).toBeGreaterThan(0)
    expect(api.turnRequests().map((r) => r.lastUserText)).toEqual(['hello there'])
    expect(await cli.close()).toBe(0)
  })

  it('asks for permission on TOOL:Bash, runs it when allowed and reports the tool result', async () => {
    const cli = start()
    cli.sendPrompt('TOOL:Bash:echo hi > f.txt')
    const ask = await cli.waitFor((l) => l.request?.subtype === 'can_use_tool')
    expect(ask.request).toMatchObject({ tool_name: 'Bash', input: { command: 'echo hi > f.txt' } })
    const from = cli.lines.length
    cli.send({
      type: 'control_response',
      response: {
        subtype: 'success',
        request_id: ask.request_id,
        response: { behavior: 'allow', updatedInput: ask.request.input },
      },
    })
    const result = await cli.waitFor((l) => l.type === 'result', from)
    expect(result.result).toBe('tool result: (Bash completed with no output)')
    expect(await readFile(join(home.path, 'f.txt'), 'utf8')).toBe('hi\n')
    expect(api.turnRequests().map((r) => r.hasToolResult)).toEqual([false, true])
  })

  it('sends --append-system-prompt at the end of the system prompt', async () => {
    const result = await start(['--append-system-prompt=XYZ-APPENDED']).turn('SYSTEM?')
    expect(result.result).toMatch(/XYZ-APPENDED$/)
  })

  it('passes an arbitrary --model through to the API', async () => {
    const result = await start(['--model=claude-test-model']).turn('MODEL?')
    expect(result.result).toBe('claude-test-model')
    expect(api.requests[0]?.model).toBe('claude-test-model')
  })

  it('remembers earlier turns, also in a new process with --resume', async () => {
    const first = start()
    await first.turn('first prompt')
    const recall = await first.turn('REMEMBER?')
    expect(recall.result).toBe('history: first prompt')
    await first.close()
    const second = start([`--resume=${recall.session_id}`])
    const resumed = await second.turn('REMEMBER?')
    expect(resumed.result).toBe('history: first prompt | REMEMBER?')
  })

  it('reports an API error as an error result, then answers the next prompt', async () => {
    const cli = start()
    const failed = await cli.turn('ERROR:500:scripted boom')
    expect(failed).toMatchObject({ is_error: true })
    expect(failed.result).toContain('scripted boom')
    const next = await cli.turn('after the error')
    expect(next).toMatchObject({ subtype: 'success', result: 'echo: after the error' })
  })

  it('can interrupt a slow stream, then answers the next prompt', async () => {
    const cli = start()
    const from = cli.lines.length
    cli.sendPrompt('SLOW:20000:this reply takes twenty seconds')
    await expect.poll(() => api.requests.length, { timeout: 10_000 }).toBe(1)
    cli.send({ type: 'control_request', request_id: 'int_1', request: { subtype: 'interrupt' } })
    const stopped = await cli.waitFor((l) => l.type === 'result', from)
    expect(stopped.subtype).toBe('error_during_execution')
    const next = await cli.turn('after the interrupt')
    expect(next.result).toBe('echo: after the interrupt')
    expect(api.requests.at(-1)?.prompt).toBe('after the interrupt')
  })
})
