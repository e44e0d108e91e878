import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { DeskLeases, PhoneTurnLeases, SessionManager } from '@switchboard/core'
import { makeTempDir } from '@switchboard/test-utils'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { BIN, runBin } from './support/run-bin.js'
import { writeStubClaude } from './support/stub-claude.js'

// `open` with a stand-in claude that records its argv, cwd and environment: what the desk's Claude
// Code gets, exactly. test/open-real.test.ts drives the real CLI's terminal UI.
let tmp: Awaited<ReturnType<typeof makeTempDir>>
let env: Record<string, string>
let sessions: SessionManager
const record = () => join(tmp.path, 'record.json')
const recorded = async () => JSON.parse(await readFile(record(), 'utf8'))

beforeEach(async () => {
  tmp = await makeTempDir('cli-open')
  const dataDir = join(tmp.path, 'data')
  env = {
    HOME: tmp.path,
    SWITCHBOARD_DATA_DIR: dataDir,
    SWITCHBOARD_OWNER: '42',
    SWITCHBOARD_CLAUDE_PATH: await writeStubClaude(tmp.path),
    CLAUDE_CONFIG_DIR: join(tmp.path, '.claude'),
    STUB_RECORD: record(),
  }
  await mkdir(join(dataDir, 'personas'), { recursive: true })
  await writeFile(
    join(dataDir, 'personas', 'desk.json'),
    JSON.stringify({
      name: 'desk',
      description: 'a persona with every setting',
      systemPrompt: 'Answer in haiku.',
      settings: {
        model: 'claude-test-model',
        maxTurns: 3,
        maxBudgetUsd: 2,
        permissionMode: 'plan',
        allowedTools: ['Read'],
        disallowedTools: ['WebFetch'],
      },
    }),
  )
  sessions = new SessionManager({ dataDir })
})
afterEach(async () => {
  await tmp.cleanup()
})

test('open runs claude in the session’s directory on its conversation with the persona’s flags', async () => {
  const meta = await sessions.create({ owner: '42', name: 'demo', persona: 'desk' })
  const phone = randomUUID()
  await sessions.updateById('42', meta.id, { claudeSessionId: phone })
  await sessions.addAllowRule('42', meta.id, 'Bash(npm test:*)')
  const settings = join(sessions.sessionDirectory('42', meta.id), 'cli-settings.json')
  await writeFile(settings, '{}')

  const result = await runBin(['open', 'demo'], {
    ...env,
    TELEGRAM_BOT_TOKEN: 'secret',
    STUB_EXIT: '3',
  })
  expect(result.stderr).toBe('')
  expect(result.code).toBe(3) // Claude Code's exit code
  const seen = await recorded()
  expect(seen.cwd).toBe(meta.workingDirectory)
  expect(seen.argv).toEqual([
    `--resume=${phone}`,
    '--append-system-prompt=Answer in haiku.',
    '--model=claude-test-model',
    '--permission-mode=plan',
    '--allowedTools=Read',
    '--allowedTools=Bash(npm test:*)',
    '--disallowedTools=WebFetch',
    `--settings=${settings}`,
  ])
  // The bot's secrets and settings stay out of the desk's CLI; the terminal's own variables pass.
  expect(Object.keys(seen.env).filter((k) => /^(TELEGRAM|SWITCHBOARD)_/.test(k))).toEqual([])
  expect(seen.env.CLAUDE_CONFIG_DIR).toBe(env.CLAUDE_CONFIG_DIR)
  expect(seen.env.STUB_RECORD).toBe(record())
})

test('a session without a conversation starts a new one; afterwards the session points at the desk’s', async () => {
  const meta = await sessions.create({ owner: '42', name: 'fresh' })
  const desk = randomUUID()
  const result = await runBin(['open', 'fresh'], { ...env, STUB_NEW_CONVERSATION: desk })
  expect(result.code).toBe(0)
  const seen = await recorded()
  expect(seen.argv.some((a: string) => a.startsWith('--resume'))).toBe(false)
  expect(seen.argv.some((a: string) => a.startsWith('--settings'))).toBe(false)
  expect((await sessions.getById('42', meta.id)).claudeSessionId).toBe(desk)
})

test('a missing claude is a clear error, not a stack trace', async () => {
  await sessions.create({ owner: '42', name: 'demo' })
  const result = await runBin(['open', 'demo'], {
    ...env,
    SWITCHBOARD_CLAUDE_PATH: join(tmp.path, 'no-such-claude'),
  })
  expect(result.code).toBe(1)
  expect(result.stderr).toContain('Could not run Claude Code')
  expect(result.stderr).toContain('SWITCHBOARD_CLAUDE_PATH')
  expect(result.stderr).not.toMatch(/\n\s+at /)
})

describe('the desk lease', () => {
  test('held while claude runs, gone after; a second open meanwhile is refused', async () => {
    const meta = await sessions.create({ owner: '42', name: 'demo' })
    const leases = new DeskLeases({ dataDir: env.SWITCHBOARD_DATA_DIR ?? '' })
    const leasePath = leases.path('42', meta.id)
    const result = await runBin(['open', 'demo'], { ...env, STUB_LEASE: leasePath })
    expect(result.code).toBe(0)
    const seen = await recorded()
    expect(seen.lease).toMatchObject({ app: 'switchboard-cli', host: hostname() })
    expect(seen.lease.pid).not.toBe(process.pid)
    expect(await leases.read('42', meta.id)).toBeNull()

    const held = await leases.acquire('42', meta.id, { app: 'switchboard-cli' })
    const refused = await runBin(['open', 'demo'], env)
    await held.release()
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('already open in switchboard-cli')
    expect(refused.stderr).toContain('SESSION_LEASED')
  })

  test('Ctrl-C does not end switchboard; a closed terminal or kill (SIGTERM) ends claude, then the lease is released', async () => {
    const meta = await sessions.create({ owner: '42', name: 'demo' })
    const leases = new DeskLeases({ dataDir: env.SWITCHBOARD_DATA_DIR ?? '' })
    const child = spawn(process.execPath, [BIN, 'open', 'demo'], {
      env: { PATH: process.env.PATH ?? '', ...env, STUB_WAIT: '1' },
      stdio: 'ignore',
    })
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
    const deadline = Date.now() + 20_000
    while (!(await readFile(record(), 'utf8').catch(() => ''))) {
      if (Date.now() > deadline) throw new Error('the stub never started')
      await new Promise((r) => setTimeout(r, 50))
    }
    expect(await leases.read('42', meta.id)).not.toBeNull()
    // Ctrl-C in a cooked terminal signals the whole group: it is Claude's to handle, not switchboard's.
    child.kill('SIGINT')
    await new Promise((r) => setTimeout(r, 300))
    expect(child.exitCode).toBeNull()
    expect(await leases.read('42', meta.id)).not.toBeNull()
    child.kill('SIGTERM')
    expect(await exited).toBe(143)
    expect(await leases.read('42', meta.id)).toBeNull()
  })
})

describe('a turn the bot is running', () => {
  /** `switchboard open demo` as a child with its stderr collected; resolves its exit code. */
  function openChild() {
    const child = spawn(process.execPath, [BIN, 'open', 'demo'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d
    })
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
    const said = async (text: string) => {
      const deadline = Date.now() + 20_000
      while (!stderr.includes(text)) {
        if (Date.now() > deadline) throw new Error(`no "${text}" on stderr: ${stderr}`)
        await new Promise((r) => setTimeout(r, 50))
      }
    }
    return { child, exited, said, stderr: () => stderr }
  }

  test('open says so once, waits with the desk lease held, and opens after the turn ended', async () => {
    const meta = await sessions.create({ owner: '42', name: 'demo' })
    const dataDir = env.SWITCHBOARD_DATA_DIR ?? ''
    const turn = await new PhoneTurnLeases({ dataDir }).acquire('42', meta.id, { app: 'bot' })
    const open = openChild()
    await open.said(
      'demo is answering on the phone; waiting for that turn to end… (Ctrl-C to give up)',
    )
    // Waiting: the desk's lease is already held (the bot queues new messages), claude not started.
    expect(await new DeskLeases({ dataDir }).read('42', meta.id)).toMatchObject({
      app: 'switchboard-cli',
    })
    expect(await readFile(record(), 'utf8').catch(() => null)).toBeNull()
    await turn.release()
    expect(await open.exited).toBe(0)
    expect((await recorded()).cwd).toBeDefined()
    expect(open.stderr().match(/answering on the phone/g)).toHaveLength(1)
    expect(await new DeskLeases({ dataDir }).read('42', meta.id)).toBeNull()
  })

  test('Ctrl-C while waiting gives up cleanly: exit 130, the desk lease released, claude never run', async () => {
    const meta = await sessions.create({ owner: '42', name: 'demo' })
    const dataDir = env.SWITCHBOARD_DATA_DIR ?? ''
    const turn = await new PhoneTurnLeases({ dataDir }).acquire('42', meta.id, { app: 'bot' })
    const open = openChild()
    await open.said('Ctrl-C to give up')
    open.child.kill('SIGINT')
    expect(await open.exited).toBe(130)
    expect(open.stderr()).toContain('Gave up waiting; demo was not opened.')
    expect(open.stderr()).not.toContain('switchboard:') // no error report
    const desk = new DeskLeases({ dataDir })
    expect(await desk.read('42', meta.id)).toBeNull()
    expect(await desk.lastReleased('42', meta.id)).not.toBeNull()
    expect(await readFile(record(), 'utf8').catch(() => null)).toBeNull()
    await turn.release()
  })
})
