import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SessionManager } from '@switchboard/core'
import { claudeEnv } from '@switchboard/test-utils'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { buildArgs } from '../../src/build-args.js'
import { buildChildEnv } from '../../src/child-env.js'
import { ClaudeProcess } from '../../src/claude-process.js'
import type { PermissionDecision, PermissionRequest } from '../../src/permissions.js'
import { ProcessPool } from '../../src/pool/process-pool.js'
import type { TurnEvent } from '../../src/turn-events.js'
import { REAL_CLAUDE, useRealCliEnv } from '../support/real-cli.js'

// "Always" against the real CLI (fake Messages API): what it remembers, what still asks, and how the
// rules outlive the process and the bot (core's permission-rules.json).
const cli = useRealCliEnv('home', 'workspace', 'outside')
const live: ClaudeProcess[] = []
const pools: ProcessPool[] = []

beforeAll(async () => {
  await mkdir(join(cli.dirs.outside, 'repo'))
  await writeFile(join(cli.dirs.outside, 'repo', '.env'), 'TELEGRAM_BOT_TOKEN=123:secret\n')
  await writeFile(join(cli.dirs.outside, 'repo', 'notes.txt'), 'notes\n')
})
afterEach(async () => {
  await Promise.all(live.splice(0).map((p) => p.stop()))
})
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.shutdown()))
})

/** A process whose handler answers "always" to every request and records what it was asked. */
async function alwaysProcess(allowedForSession: string[] = []) {
  const asked: PermissionRequest[] = []
  const added: string[] = []
  const proc = new ClaudeProcess({
    cwd: cli.dirs.workspace,
    args: buildArgs(
      { claudeSessionId: null },
      { name: 'e2e', description: 'e2e', systemPrompt: '', settings: {} },
      { allowedForSession },
    ),
    env: buildChildEnv(claudeEnv({ apiUrl: cli.api.url, home: cli.dirs.home })),
    claudePath: REAL_CLAUDE,
    allowedForSession,
    onAllowRule: (rule) => void added.push(rule),
    onPermissionRequest: async (request): Promise<PermissionDecision> => {
      asked.push(request)
      return { behavior: 'allow', always: true }
    },
  })
  live.push(proc)
  await proc.start()
  return { proc, asked, added }
}

async function run(proc: ClaudeProcess, prompt: string) {
  const events: TurnEvent[] = []
  for await (const event of proc.send(prompt)) events.push(event)
  const result = events.find((e) => e.type === 'tool_result')
  return { events, output: result?.type === 'tool_result' ? result.content : undefined }
}

const decisions = (events: TurnEvent[]) =>
  events.flatMap((e) => (e.type === 'permission_decision' ? [e.decidedBy] : []))
const bash = (command: string) => `TOOL:Bash:${command}`
const write = (path: string) => `TOOL:Write:${JSON.stringify({ file_path: path, content: 'x\n' })}`

describe('always with the real CLI', { timeout: 60_000 }, () => {
  test('`echo $(id)` → always → `cat <repo>/.env` still reaches the handler', async () => {
    const { proc, asked, added } = await alwaysProcess()
    const env = join(cli.dirs.outside, 'repo', '.env')
    await run(proc, bash('echo $(id)'))
    // The CLI suggests nothing for it and the rule syntax cannot carry `$(…)`: no "always" to offer.
    expect(asked.map((r) => [r.input.command, r.alwaysRule])).toEqual([['echo $(id)', undefined]])
    const { events } = await run(proc, bash(`cat ${env}`))
    // Before: "always" had remembered the whole Bash tool and this ran unprompted, printing the token.
    expect(asked.map((r) => r.input.command)).toEqual(['echo $(id)', `cat ${env}`])
    expect(events.some((e) => e.type === 'permission_request')).toBe(true)
    expect(added).toEqual([`Bash(cat ${env})`])
  })

  test('an exact command rule lets exactly that command run unprompted, and asks for another', async () => {
    const { proc, asked } = await alwaysProcess()
    const env = join(cli.dirs.outside, 'repo', '.env')
    const notes = join(cli.dirs.outside, 'repo', 'notes.txt')
    await run(proc, bash(`cat ${env}`))
    expect(asked[0]?.alwaysRule).toBe(`Bash(cat ${env})`)
    const again = await run(proc, bash(`cat ${env}`))
    // The CLI still asks (the file is outside the workspace: blocked_path); the remembered rule answers.
    expect(again.events.some((e) => e.type === 'permission_request')).toBe(false)
    expect(decisions(again.events)).toEqual(['session_rule'])
    expect(again.output).toContain('TELEGRAM_BOT_TOKEN')
    await run(proc, bash(`cat ${notes}`))
    await run(proc, bash(`cat ${env}; cat ${notes}`))
    expect(asked.map((r) => r.input.command)).toEqual([
      `cat ${env}`,
      `cat ${notes}`,
      `cat ${env}; cat ${notes}`,
    ])
  })

  test('the CLI applies an exact session rule itself (`updatedPermissions`, destination session)', async () => {
    const { proc, asked } = await alwaysProcess()
    await run(proc, bash('python3 missing.py'))
    expect(asked[0]?.suggestions).toMatchObject([
      { type: 'addRules', rules: [{ toolName: 'Bash', ruleContent: 'python3 missing.py' }] },
    ])
    expect(asked[0]?.alwaysRule).toBe('Bash(python3 missing.py)')
    const again = await run(proc, bash('python3 missing.py'))
    expect(decisions(again.events)).toEqual([]) // no can_use_tool at all
    await run(proc, bash('python3 missing.py -c x'))
    await run(proc, bash('python3 other.py'))
    expect(asked.map((r) => r.input.command)).toEqual([
      'python3 missing.py',
      'python3 missing.py -c x',
      'python3 other.py',
    ])
  })

  test('`npm test` → the CLI’s prefix rule; plain arguments run unprompted, chained commands ask', async () => {
    const { proc, asked } = await alwaysProcess()
    await run(proc, bash('npm test'))
    expect(asked[0]?.alwaysRule).toBe('Bash(npm test *)')
    await run(proc, bash('npm test --silent'))
    await run(proc, bash(`npm test && cat ${join(cli.dirs.outside, 'repo', '.env')}`))
    expect(asked.map((r) => r.input.command)).toEqual([
      'npm test',
      `npm test && cat ${join(cli.dirs.outside, 'repo', '.env')}`,
    ])
  })

  test('a Write outside the workspace → always → a Write to another path outside still asks', async () => {
    const { proc, asked } = await alwaysProcess()
    const first = join(cli.dirs.outside, 'first.txt')
    const bashrc = join(cli.dirs.outside, '.bashrc')
    await run(proc, write(first))
    // The CLI offered only setMode / addDirectories here: the exact file instead.
    expect(asked[0]?.suggestions.map((s) => s.type)).toEqual(['setMode', 'addDirectories'])
    expect(asked[0]?.alwaysRule).toBe(`Edit(/${first})`)
    const again = await run(proc, write(first))
    expect(again.events.some((e) => e.type === 'permission_request')).toBe(false)
    await run(proc, write(bashrc))
    expect(asked.map((r) => r.input.file_path)).toEqual([first, bashrc])
  })

  test("a Read outside: the CLI's parent-directory rule is narrowed to the file", async () => {
    const { proc, asked } = await alwaysProcess()
    const env = join(cli.dirs.outside, 'repo', '.env')
    await run(proc, `TOOL:Read:${env}`)
    expect(asked[0]?.suggestions).toMatchObject([
      {
        type: 'addRules',
        rules: [{ toolName: 'Read', ruleContent: `/${cli.dirs.outside}/repo/**` }],
      },
    ])
    expect(asked[0]?.alwaysRule).toBe(`Read(/${env})`)
    await run(proc, `TOOL:Read:${env}`)
    await run(proc, `TOOL:Read:${join(cli.dirs.outside, 'repo', 'notes.txt')}`)
    expect(asked.map((r) => r.input.file_path)).toEqual([
      env,
      join(cli.dirs.outside, 'repo', 'notes.txt'),
    ])
  })

  test('rules carried into a new process (--allowedTools): exact ones honoured, wide ones dropped', async () => {
    const env = join(cli.dirs.outside, 'repo', '.env')
    const notes = join(cli.dirs.outside, 'repo', 'notes.txt')
    const { proc, asked } = await alwaysProcess([`Bash(cat ${env})`, 'Bash', 'Read', 'Bash(cat *)'])
    const carried = await run(proc, bash(`cat ${env}`))
    expect(carried.output).toContain('TELEGRAM_BOT_TOKEN')
    expect(asked).toEqual([])
    await run(proc, bash(`cat ${notes}`))
    await run(proc, `TOOL:Read:${notes}`)
    expect(asked.map((r) => r.toolName)).toEqual(['Bash', 'Read'])
  })
})

function makePool(store: SessionManager, asked: PermissionRequest[]): ProcessPool {
  const pool = new ProcessPool({
    store,
    claudePath: REAL_CLAUDE,
    parentEnv: claudeEnv({ apiUrl: cli.api.url, home: cli.dirs.home }),
    onPermissionRequest: async (_ref, request) => {
      asked.push(request)
      return { behavior: 'allow', always: true }
    },
  })
  pools.push(pool)
  return pool
}

test('a remembered rule survives a bot restart; forgetting it asks again', {
  timeout: 60_000,
}, async () => {
  const store = new SessionManager({ dataDir: join(cli.dirs.home, 'data') })
  const meta = await store.create({ owner: 'u1', name: 'always' })
  const ref = { owner: meta.owner, id: meta.id }
  const file = join(store.sessionDirectory(ref.owner, ref.id), 'permission-rules.json')
  const command = 'TOOL:Bash:python3 missing.py'
  const asked: PermissionRequest[] = []

  const first = makePool(store, asked)
  await first.send(ref, command).done
  expect(asked.map((r) => r.alwaysRule)).toEqual(['Bash(python3 missing.py)'])
  await vi.waitFor(async () =>
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      schemaVersion: 1,
      rules: ['Bash(python3 missing.py)'],
    }),
  )
  await first.shutdown()

  // A new pool on the same data directory: the bot after a restart.
  const second = makePool(store, asked)
  expect(await second.allowRules(ref)).toEqual(['Bash(python3 missing.py)'])
  await second.send(ref, command).done
  expect(asked).toHaveLength(1)
  expect(second.status(ref).live).toBe(true)

  expect(await second.forgetAllowRule(ref, 'Bash(python3 missing.py)')).toBe(true)
  expect(JSON.parse(await readFile(file, 'utf8')).rules).toEqual([])
  // The CLI cannot drop a session rule: the idle process was stopped so the next one starts without it.
  expect(second.status(ref).live).toBe(false)
  await second.send(ref, command).done
  expect(asked).toHaveLength(2)
})
