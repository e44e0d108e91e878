import { chmod, lstat, mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DEFAULT_TOKEN } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import { ask } from './support/ask.js'
import { useBotHarness } from './support/use-bot-harness.js'

// With the shipped unit's EnvironmentFile=, one approved Bash command read the token from
// /proc/<bot pid>/environ. From a systemd credential ($CREDENTIALS_DIRECTORY) it is never in the
// environment block. And data files were world-readable (dirs 755, files 644, no UMask).

// The bot inherits this: a typical login umask, so the modes below can't come from it.
process.umask(0o022)

const dirs = { credentials: '', project: '' }
// Filled in by prepare (the scratch dir exists only then); the harness reads it afterwards.
const env: Record<string, string> = {}
const bot = useBotHarness({
  env,
  prepare: async ({ dataDir, scratchDir }) => {
    dirs.credentials = join(scratchDir, 'credentials')
    dirs.project = join(scratchDir, 'project')
    await mkdir(dirs.credentials)
    await mkdir(dirs.project)
    await writeFile(join(dirs.credentials, 'telegram-bot-token'), `${DEFAULT_TOKEN}\n`, {
      mode: 0o400,
    })
    // A data dir left by an older version, open to everyone.
    await mkdir(dataDir)
    await chmod(dataDir, 0o755)
    Object.assign(env, { TELEGRAM_BOT_TOKEN: '', CREDENTIALS_DIRECTORY: dirs.credentials })
  },
})
async function environOf(pid: number): Promise<string> {
  return (await readFile(`/proc/${pid}/environ`, 'latin1')).split('\0').join('\n')
}

test('the token from a systemd credential works and is in no environment block', async () => {
  const h = bot()
  expect((await ask(h, '/help')).text).toContain('Commands')
  expect(h.logs()).toContain('"tokenSource":"credential"')
  expect(await environOf(h.bot.pid ?? 0)).not.toContain(DEFAULT_TOKEN)

  const update = h.send('hello')
  await h.waitForReply(update, (m) => m.text.includes('echo: hello'), { timeoutMs: 30_000 })
  const status = await ask(h, '/status')
  const cliPid = Number(/pid (\d+)/.exec(status.text)?.[1])
  expect(cliPid).toBeGreaterThan(0)
  expect(await environOf(cliPid)).not.toContain(DEFAULT_TOKEN)
  expect(h.logs()).not.toContain(DEFAULT_TOKEN)
  expect(h.telegram.errors()).toEqual([])
})

/** Every entry under `dir` with its permission bits. */
async function walk(dir: string): Promise<{ path: string; dir: boolean; mode: number }[]> {
  const found: { path: string; dir: boolean; mode: number }[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    found.push({ path, dir: entry.isDirectory(), mode: (await lstat(path)).mode & 0o777 })
    if (entry.isDirectory()) found.push(...(await walk(path)))
  }
  return found
}

test('the data dir is tightened to 0700 and everything the bot writes in it is private', async () => {
  const h = bot()
  expect(h.logs()).toMatch(/"mode":"0755".*the data directory was open to other users/)
  await ask(h, `/new bound default ${dirs.project}`)
  const update = h.send('hello bound')
  await h.waitForReply(update, (m) => m.text.includes('echo: hello bound'), { timeoutMs: 30_000 })
  const entries = await walk(h.dataDir)
  // Core's session files and name index, the bot's lock, pid and turn-state files are all there.
  const names = entries.map((e) => e.path.slice(h.dataDir.length))
  expect(names).toEqual(
    expect.arrayContaining([
      '/bot',
      '/bot.pid',
      '/sessions/1001/active',
      '/sessions/1001/.names/bound',
    ]),
  )
  const loose = entries.filter((e) => (e.mode & 0o077) !== 0)
  expect(loose).toEqual([])
  expect((await lstat(h.dataDir)).mode & 0o777).toBe(0o700)
  expect(h.telegram.errors()).toEqual([])
})

test('a bad token file or two token sources stop the bot with one line naming the variable', async () => {
  const h = bot()
  const cases: [Record<string, string>, RegExp][] = [
    [
      { CREDENTIALS_DIRECTORY: '', TELEGRAM_BOT_TOKEN_FILE: join(h.scratchDir, 'missing') },
      /^switchboard: TELEGRAM_BOT_TOKEN_FILE: \/.*\/missing does not exist: put just the token there, .* \(see \.env\.example\)$/,
    ],
    [
      { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN },
      /^switchboard: TELEGRAM_BOT_TOKEN: the token is also given by CREDENTIALS_DIRECTORY \(credential telegram-bot-token\)/,
    ],
  ]
  for (const [overrides, expected] of cases) {
    const child = h.spawnExtra({ ...overrides, SWITCHBOARD_DATA_DIR: join(h.scratchDir, 'other') })
    expect(await child.exited).toBe(1)
    const lines = child
      .output()
      .split('\n')
      .filter((line) => line.trim() !== '')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(expected)
  }
})
