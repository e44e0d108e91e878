import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { SessionManager } from '@switchboard/core'
import { makeTempDir } from '@switchboard/test-utils'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { runBin } from './support/run-bin.js'

let tmp: Awaited<ReturnType<typeof makeTempDir>>
let env: Record<string, string>
beforeEach(async () => {
  tmp = await makeTempDir('cli-commands')
  env = { HOME: tmp.path, SWITCHBOARD_DATA_DIR: join(tmp.path, 'data') }
})
afterEach(async () => {
  await tmp.cleanup()
})

describe('switchboard new, sessions, personas', () => {
  test('a session made with `new` is listed, as a table and as JSON, with the phone’s active one', async () => {
    const made = await runBin(['new', 'Demo', '--owner', '42'], env)
    expect(made).toMatchObject({ code: 0, stderr: '' })
    expect(made.stdout).toContain('Created session demo (persona default)')
    const project = join(tmp.path, 'project')
    await mkdir(project)
    const bound = await runBin(
      ['new', 'proj', '--persona', 'planner', '--dir', 'project'],
      {
        ...env,
        SWITCHBOARD_OWNER: '42',
      },
      { cwd: tmp.path },
    )
    expect(bound.code).toBe(0)
    // The phone switched to demo: the desk shows it.
    await new SessionManager({ dataDir: env.SWITCHBOARD_DATA_DIR }).switch('42', 'demo')

    // Only one owner on disk: no --owner needed.
    const table = await runBin(['sessions'], env)
    expect(table.code).toBe(0)
    const lines = table.stdout.trim().split('\n')
    expect(lines[0]).toMatch(/NAME\s+PERSONA\s+STATUS\s+LAST ACTIVE\s+DIRECTORY/)
    expect(lines.find((l) => l.includes('demo'))).toMatch(/^\*\s+demo\s+default\s+active/)
    expect(lines.find((l) => l.includes('proj'))).toMatch(/proj\s+planner\s+idle .*\/project$/)

    const json = await runBin(['sessions', '--json'], env)
    const parsed = JSON.parse(json.stdout)
    expect(parsed.owner).toBe('42')
    expect(parsed.active).toBe('demo')
    expect(parsed.sessions.map((s: { name: string }) => s.name).sort()).toEqual(['demo', 'proj'])
    const proj = parsed.sessions.find((s: { name: string }) => s.name === 'proj')
    expect(proj).toMatchObject({
      boundToProject: true,
      workingDirectory: project,
      persona: 'planner',
    })
  })

  test('personas lists the shipped ones with their descriptions', async () => {
    const result = await runBin(['personas'], env)
    expect(result.code).toBe(0)
    for (const name of ['default', 'brainstorm', 'planner', 'research']) {
      expect(result.stdout).toMatch(new RegExp(`^${name}\\s+\\S`, 'm'))
    }
  })
})

describe('errors: a clear message on stderr and an exit code', () => {
  test('no owner to pick, several owners, a bad owner id', async () => {
    const none = await runBin(['sessions'], env)
    expect(none.code).toBe(1)
    expect(none.stderr).toContain('no owner to pick')
    expect(none.stderr).toContain('--owner <id>')
    await runBin(['new', 'a', '--owner', '42'], env)
    await runBin(['new', 'b', '--owner', '7'], env)
    const several = await runBin(['sessions'], env)
    expect(several.code).toBe(1)
    expect(several.stderr).toContain('Several owners')
    expect(several.stderr).toContain('42, 7')
    const bad = await runBin(['sessions', '--owner', '../x'], env)
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('INVALID_OWNER')
    expect(bad.stdout).toBe('')
  })

  test('usage mistakes exit 2 with the usage line; request failures exit 1 with the code', async () => {
    const cases: [string[], number, string][] = [
      [['frobnicate'], 2, 'Unknown command "frobnicate"'],
      [['new', '--owner', '42'], 2, 'A session name is missing.'],
      [['new', 'x', 'y', '--owner', '42'], 2, 'Unexpected argument: y.'],
      [['sessions', '--bogus'], 2, "Unknown option '--bogus'"],
      [['new', 'x', '--persona', 'nope', '--owner', '42'], 1, 'No persona named "nope"'],
      [['new', 'x', '--dir', join(tmp.path, 'missing'), '--owner', '42'], 1, 'INVALID_DIRECTORY'],
      [['open', 'ghost', '--owner', '42'], 1, 'No session named "ghost". (SESSION_NOT_FOUND)'],
    ]
    for (const [args, code, text] of cases) {
      const result = await runBin(args, env)
      expect({ args, code: result.code }).toEqual({ args, code })
      expect(result.stderr).toContain(text)
      expect(result.stderr).not.toMatch(/\n\s+at /) // no stack traces
    }
    await runBin(['new', 'x', '--owner', '42'], env)
    const twice = await runBin(['new', 'x', '--owner', '42'], env)
    expect(twice.stderr).toContain('SESSION_EXISTS')
    const capped = await runBin(['new', 'y', '--owner', '42'], {
      ...env,
      SWITCHBOARD_MAX_SESSIONS: '1',
    })
    expect(capped.stderr).toContain('SESSION_LIMIT')
    const badEnv = await runBin(['sessions'], { ...env, SWITCHBOARD_PROJECT_ROOTS: 'relative' })
    expect(badEnv.code).toBe(1)
    expect(badEnv.stderr).toContain('SWITCHBOARD_PROJECT_ROOTS')
  })

  test('--help lists every command', async () => {
    const help = await runBin(['--help'], env)
    expect(help.code).toBe(0)
    for (const c of ['sessions', 'new', 'personas', 'open'])
      expect(help.stdout).toContain(`switchboard ${c}`)
  })
})
