import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { authRetriesAllowed, checkClaudeCli, cliCheckLine, cliStatusLine } from './cli-check.js'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-check-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** A stand-in CLI: `--version` prints the version, `auth status` prints `status` and exits `code`. */
async function fakeCli(name: string, status: object | string, code = 0): Promise<string> {
  const path = join(dir, name)
  const json = typeof status === 'string' ? status : JSON.stringify(status)
  await writeFile(
    path,
    `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "2.1.330 (Claude Code)"; exit 0; fi\necho '${json}'\nexit ${code}\n`,
  )
  await chmod(path, 0o755)
  return path
}

const env = { PATH: process.env.PATH ?? '/usr/bin:/bin' }

test('a key: ready, and says where the key comes from', async () => {
  const claudePath = await fakeCli('keyed', {
    loggedIn: true,
    authMethod: 'api_key',
    apiKeySource: 'ANTHROPIC_API_KEY',
  })
  const check = await checkClaudeCli({ claudePath, env })
  expect(check).toEqual({
    ok: true,
    version: '2.1.330',
    auth: 'an API key (ANTHROPIC_API_KEY)',
    problem: undefined,
    authMethod: 'api_key',
  })
  expect(cliCheckLine(check, claudePath)).toBe(
    `Claude Code 2.1.330 (${claudePath}): ready, reaches Claude's API by an API key (ANTHROPIC_API_KEY)`,
  )
  expect(cliStatusLine(check)).toBe('Claude Code: 2.1.330, an API key (ANTHROPIC_API_KEY)')
})

test('a claude.ai login counts as ready', async () => {
  const claudePath = await fakeCli('login', { loggedIn: true, authMethod: 'claude.ai' })
  const check = await checkClaudeCli({ claudePath, env })
  expect(check.auth).toBe('a claude.ai login')
  expect(authRetriesAllowed(check)).toBe(1) // the CLI refreshes a login's token after a 401
})

test('no key and no login: the problem says what to do', async () => {
  const claudePath = await fakeCli('none', { loggedIn: false, authMethod: 'none' }, 1)
  const check = await checkClaudeCli({ claudePath, env })
  expect(check.ok).toBe(false)
  expect(check.problem).toContain('ANTHROPIC_API_KEY')
  expect(check.problem).toContain('/login')
  expect(cliStatusLine(check)).toMatch(/^⚠️ Claude Code: Claude Code has no API key/)
})

test('a missing CLI says how to install it; an old CLI without auth status is not flagged', async () => {
  const missing = await checkClaudeCli({ claudePath: join(dir, 'nope'), env })
  expect(missing).toMatchObject({ ok: false, version: undefined })
  expect(missing.problem).toContain('npm install -g @anthropic-ai/claude-code')
  const old = await fakeCli('old', 'error: unknown command auth', 1)
  expect(await checkClaudeCli({ claudePath: old, env })).toMatchObject({
    ok: true,
    version: '2.1.330',
  })
})
