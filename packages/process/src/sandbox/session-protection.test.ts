import { mkdir, writeFile } from 'node:fs/promises'
import { join, matchesGlob } from 'node:path'
import { isInside } from '@switchboard/core'
import { makeTempDir } from '@switchboard/test-utils'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { sessionProtection } from './session-protection.js'

let tmp: Awaited<ReturnType<typeof makeTempDir>>
let data: string
let own: string
let workspace: string

beforeAll(async () => {
  tmp = await makeTempDir('session-protection')
  data = join(tmp.path, 'data')
  own = join(data, 'sessions', '42', 'own-id')
  workspace = join(own, 'workspace')
  for (const dir of [
    workspace,
    join(data, 'personas'),
    join(data, 'sessions', '42', '.names'),
    join(data, 'sessions', '42', 'other-id', 'workspace'),
    join(data, 'sessions', '43', 'theirs', 'workspace'),
    join(tmp.path, 'project'),
    join(tmp.path, 'checkout'),
  ]) {
    await mkdir(dir, { recursive: true })
  }
  for (const file of [join(data, 'bot.pid'), join(own, 'metadata.json'), join(own, 'audit.log')]) {
    await writeFile(file, '')
  }
})
afterAll(async () => {
  await tmp.cleanup()
})

const rule = (path: string) => [`Read(/${path})`, `Edit(/${path})`]

test('a workspace session: every sibling on the way down to its workspace is denied, nothing above it', async () => {
  const checkout = join(tmp.path, 'checkout')
  const p = await sessionProtection(workspace, { dataDir: data, paths: [checkout] })
  for (const path of [
    join(data, 'personas'),
    join(data, 'bot.pid'),
    join(data, 'sessions', '43'),
    join(data, 'sessions', '42', '.names'),
    join(data, 'sessions', '42', 'other-id'),
    join(own, 'metadata.json'),
    join(own, 'audit.log'),
    checkout,
    '/proc',
  ]) {
    expect(p.denyRules).toEqual(expect.arrayContaining(rule(path)))
  }
  // Also what does not exist yet: other sessions' control files, by pattern.
  expect(p.denyRules).toEqual(
    expect.arrayContaining([
      ...rule(join(data, 'sessions/*/*/*.*')),
      ...rule(join(data, 'archive')),
      ...rule(join(data, 'sessions/*/active')),
      // The bot's inbox and outbox, made after the start: its own session's too.
      ...rule(join(data, 'sessions/*/*/inbox')),
      ...rule(join(data, 'sessions/*/*/outbox')),
    ]),
  )
  for (const open of [data, join(data, 'sessions'), join(data, 'sessions', '42'), own, workspace]) {
    expect(p.denyRules).not.toContain(`Read(/${open})`)
  }
  // Its own Claude Code settings may be read, not written (their hooks would run unsandboxed).
  expect(p.denyRules).toContain(`Edit(/${join(workspace, '.claude')})`)
  // Every other workspace's config too, also of sessions created after this process started.
  expect(p.denyRules).toContain(`Edit(/${join(data, 'sessions/*/*/workspace/.claude')})`)
  expect(p.denyRules).toContain(`Edit(/${join(data, 'sessions/*/*/workspace/.mcp.json')})`)
  expect(p.denyRules).toContain(`Edit(/${join(workspace, '.mcp.json')})`)
  expect(p.denyRules).not.toContain(`Read(/${join(workspace, '.claude')})`)
  expect(p.denyRead).toEqual([data, checkout])
  expect(p.allowRead).toEqual([workspace])
})

test('a session bound to a project outside the data dir: the data dir is denied whole', async () => {
  const project = join(tmp.path, 'project')
  const p = await sessionProtection(project, { dataDir: data, paths: [] })
  const settings = ['.claude', '.mcp.json'].map((f) => join(project, f))
  expect(p.denyRules).toEqual([
    ...rule(data),
    ...rule('/proc'),
    ...settings.map((path) => `Edit(/${path})`),
  ])
  expect(p.denyWrite).toEqual(settings)
  expect(p.allowRead).toEqual([])
})

test('a bound session may read its own uploads/: the way there is carved out, the rest stays closed', async () => {
  const project = join(tmp.path, 'project')
  const uploads = join(own, 'uploads')
  await mkdir(uploads, { recursive: true })
  const p = await sessionProtection(project, { dataDir: data, paths: [] }, [uploads])
  const denied = p.denyRules.filter((r) => r.startsWith('Read(')).map((r) => r.slice(6, -1))
  for (const path of [
    join(data, 'personas'),
    join(data, 'bot.pid'),
    join(data, 'sessions', '43'),
    join(data, 'sessions', '42', 'other-id'),
    join(own, 'metadata.json'),
    join(own, 'workspace'),
    // Control files made after the spawn are closed by pattern.
    join(data, 'sessions/*/*/inbox'),
    join(data, 'sessions/*/*/*.*'),
    // So are the workspaces of sessions made after it (the attacker's way into their hooks).
    join(data, 'sessions/*/*/workspace'),
  ]) {
    expect(denied, path).toContain(path)
  }
  const unwritable = p.denyRules.filter((r) => r.startsWith('Edit(')).map((r) => r.slice(6, -1))
  expect(unwritable).toContain(join(data, 'sessions/*/*/uploads'))
  expect(unwritable).toContain(join(data, 'sessions/*/*/workspace/.claude'))
  expect(denied.some((path) => isInside(path, uploads))).toBe(false)
  expect(denied).not.toContain(data)
  expect(p.allowRead).toEqual([uploads])
  expect(p.allowRules).toEqual([`Read(/${uploads}/**)`])
})

test('a path a rule would read as a glob is reported, not turned into a rule', async () => {
  const odd = join(tmp.path, 'odd[1]')
  const p = await sessionProtection(workspace, { dataDir: data, paths: [odd] })
  expect(p.skipped).toEqual([odd])
  expect(p.denyRules.some((r) => r.includes('odd'))).toBe(false)
  expect(p.denyRead).not.toContain(odd)
})

test('the files made later (remembered CLI commands, turn logs, the list cache of an owner) are closed to both tools', async () => {
  // apps/bot writes these into the session's directory after its process may have started; a planted
  // command list would change what the user's Telegram commands send. Core's list cache sits beside
  // the sessions: a planted row would be listed as a session's metadata.
  const later = [
    ...['cli-commands.json', 'turn-logs.json'].map((file) => join(own, file)),
    join(own, '..', '.list-cache.json'),
  ]
  const uploads = join(own, 'uploads')
  for (const p of [
    await sessionProtection(workspace, { dataDir: data, paths: [] }),
    await sessionProtection(join(tmp.path, 'project'), { dataDir: data, paths: [] }, [uploads]),
    await sessionProtection(join(tmp.path, 'project'), { dataDir: data, paths: [] }),
  ]) {
    // Gitignore-style, as Claude Code reads them: a rule also covers what lies below it.
    // (The path or one of its parents matches: `**` alone would skip dot-files such as .list-cache.json.)
    const selfAndParents = (path: string) =>
      path
        .split('/')
        .map((_, i, parts) => parts.slice(0, i + 1).join('/'))
        .filter(Boolean)
    const covered = (tool: string, path: string) =>
      p.denyRules.some((rule) => {
        const pattern = rule.startsWith(`${tool}(/`) ? rule.slice(tool.length + 2, -1) : ''
        return pattern !== '' && selfAndParents(path).some((prefix) => matchesGlob(prefix, pattern))
      })
    for (const path of later) {
      expect(covered('Read', path), path).toBe(true)
      expect(covered('Edit', path), path).toBe(true)
    }
  }
})
