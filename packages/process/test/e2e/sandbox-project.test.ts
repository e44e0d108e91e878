import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { checkSandbox } from '../../src/sandbox/check-sandbox.js'
import { CLI_SETTINGS_FILE } from '../../src/sandbox/settings-file.js'
import { makeSandboxFixture, type SandboxFixture } from './support/sandbox-fixture.js'

// A bound project's .claude/settings.json is merged into the session's generated settings: its
// allow rules and hooks still apply, the sandbox and deny rules are added, and nothing is written
// into the project.
let f: SandboxFixture
let project: string
let ref: { owner: string; id: string }
const projectSettings = (hookLog: string) => ({
  permissions: { allow: ['Bash(touch project-allowed:*)'] },
  hooks: {
    PreToolUse: [
      { matcher: 'Bash', hooks: [{ type: 'command', command: `echo hook-ran >> ${hookLog}` }] },
    ],
  },
})

beforeAll(async () => {
  f = await makeSandboxFixture({ enabled: (await checkSandbox({ env: process.env })).available })
  project = join(f.dirs.root, 'project')
  await mkdir(join(project, '.claude'), { recursive: true })
  const settings = projectSettings(join(f.dirs.root, 'hook.log'))
  await writeFile(join(project, '.claude', 'settings.json'), JSON.stringify(settings))
  const meta = await f.store.create({ owner: '42', name: 'proj', projectDir: project })
  ref = { owner: meta.owner, id: meta.id }
})
afterAll(async () => {
  await f?.close()
})

test("the project's allow rule and hook still apply after the merge", {
  timeout: 60_000,
}, async () => {
  const before = await readFile(join(project, '.claude', 'settings.json'), 'utf8')
  const { output } = await f.run(ref, 'TOOL:Bash:touch project-allowed')
  expect(output).not.toContain('denied')
  expect(f.asked).toEqual([])
  expect(existsSync(join(project, 'project-allowed'))).toBe(true)
  expect(await readFile(join(f.dirs.root, 'hook.log'), 'utf8')).toBe('hook-ran\n')
  // The merged file lives in the session's directory; the project's own file is untouched.
  const sessionDir = f.store.sessionDirectory(ref.owner, ref.id)
  const merged = join(sessionDir, CLI_SETTINGS_FILE)
  // …with the session's own uploads/ readable besides (the bot keeps a bound session's uploads there).
  const uploads = `Read(/${join(sessionDir, 'uploads')}/**)`
  expect(JSON.parse(await readFile(merged, 'utf8'))).toMatchObject({
    hooks: projectSettings(join(f.dirs.root, 'hook.log')).hooks,
    permissions: { allow: ['Bash(touch project-allowed:*)', uploads] },
  })
  expect(await readFile(join(project, '.claude', 'settings.json'), 'utf8')).toBe(before)
  expect(existsSync(join(project, CLI_SETTINGS_FILE))).toBe(false)
})

test('from a project, the data directory (but its own uploads/) is denied to the file tools', {
  timeout: 60_000,
}, async () => {
  const persona = join(f.dirs.data, 'personas', 'default.json')
  const { output } = await f.run(ref, `TOOL:Read:${persona}`)
  expect(output).toContain('denied by your permission settings')
  expect(f.asked).toEqual([])
})

test("the session's own uploads/ stay readable from the project: Read and sandboxed Bash, unasked", {
  timeout: 60_000,
}, async () => {
  const uploads = join(f.store.sessionDirectory(ref.owner, ref.id), 'uploads')
  await mkdir(uploads, { recursive: true })
  const file = join(uploads, 'notes.txt')
  await writeFile(file, 'uploaded words')
  const read = await f.run(ref, `TOOL:Read:${file}`)
  expect(read.output).toContain('uploaded words')
  const cat = await f.run(ref, `TOOL:Bash:cat ${file}`)
  expect(cat.output).toContain('uploaded words')
  // The rest of the session's directory stays closed.
  const meta = await f.run(ref, `TOOL:Read:${join(uploads, '..', 'metadata.json')}`)
  expect(meta.output).toContain('denied by your permission settings')
  expect(f.asked).toEqual([])
})

test('a session created while the bound one runs is closed to it: its workspace and its config', {
  timeout: 60_000,
}, async () => {
  await f.run(ref, 'hello') // the bound session's process is up before the other session exists
  const later = await f.store.create({ owner: '43', name: 'later' })
  const secret = join(later.workingDirectory, 'secret.txt')
  await writeFile(secret, 'their words')
  const read = await f.run(ref, `TOOL:Read:${secret}`)
  expect(read.output).toContain('denied by your permission settings')
  expect(read.output).not.toContain('their words')
  const hook = join(later.workingDirectory, '.claude', 'settings.json')
  const write = await f.run(ref, `TOOL:Write:{"file_path":"${hook}","content":"{}"}`)
  expect(write.output).toContain('denied by your permission settings')
  expect(existsSync(hook)).toBe(false)
  expect(f.asked).toEqual([])
})

test("Bash cannot rewrite the project's Claude Code config (its hooks run unsandboxed)", {
  timeout: 60_000,
}, async () => {
  const file = join(project, '.claude', 'settings.json')
  const before = await readFile(file, 'utf8')
  await f.run(
    ref,
    `TOOL:Bash:sh -c 'echo {} > ${file}; echo {} > .claude/settings.local.json; mkdir -p .claude/hooks; echo x > .claude/hooks/fmt.sh; echo {} > .mcp.json'`,
  )
  expect(await readFile(file, 'utf8')).toBe(before)
  for (const made of ['.claude/settings.local.json', '.claude/hooks/fmt.sh', '.mcp.json'])
    expect(existsSync(join(project, made)), made).toBe(false)
})

test("a project's defaultMode bypassPermissions does not switch the prompts off", {
  timeout: 60_000,
}, async () => {
  const risky = join(f.dirs.root, 'risky')
  await mkdir(join(risky, '.claude'), { recursive: true })
  const settings = { permissions: { defaultMode: 'bypassPermissions' } }
  await writeFile(join(risky, '.claude', 'settings.json'), JSON.stringify(settings))
  const meta = await f.store.create({ owner: '42', name: 'risky', projectDir: risky })
  const asked = f.asked.length
  await f.run({ owner: meta.owner, id: meta.id }, 'TOOL:Bash:touch bypassed')
  expect(f.pool.status({ owner: meta.owner, id: meta.id }).permissionMode).toBe('default')
  expect(f.asked.length).toBe(asked + 1)
})
