import { execFile } from 'node:child_process'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { makeTempDir } from '@switchboard/test-utils'
import { afterAll, expect, test } from 'vitest'

// Core and process as another app gets them from a registry: built, packed with `pnpm pack` (which
// turns workspace: ranges into versions), installed with npm into an empty directory outside the
// workspace (no links back into the repo), and used from there.
const run = promisify(execFile)
const REPO = fileURLToPath(new URL('../../../../', import.meta.url))
const PACKAGES = ['personas', 'packages/core', 'packages/process']
const dirs: { cleanup: () => Promise<void> }[] = []
afterAll(async () => {
  await Promise.all(dirs.map((d) => d.cleanup()))
})

const APP = `
import { SessionManager } from '@switchboard/core'
import { buildArgs } from '@switchboard/process'
const store = new SessionManager({ dataDir: process.argv[2] })
const demo = await store.create({ owner: '42', name: 'demo' })
const other = await store.create({ owner: '42', name: 'other' })
await store.switch('42', 'demo')
const personas = (await store.personas.list()).map((p) => p.name)
const active = await store.active('42')
const persona = await store.readPersonaById('42', demo.id)
console.log(JSON.stringify({
  personas,
  listed: (await store.list({ owner: '42' })).sessions.map((s) => s.name),
  active: active?.name,
  other: other.persona,
  args: buildArgs({ claudeSessionId: null }, persona),
}))
`

test('an app outside the workspace installs the packed core and process and runs a session', {
  timeout: 240_000,
}, async () => {
  const packs = await makeTempDir('packed-tarballs')
  const app = await makeTempDir('packed-app')
  dirs.push(packs, app)
  for (const pkg of PACKAGES.slice(1)) {
    await run('pnpm', ['run', 'build'], { cwd: join(REPO, pkg) })
  }
  for (const pkg of PACKAGES) {
    await run('pnpm', ['pack', '--pack-destination', packs.path], { cwd: join(REPO, pkg) })
  }
  const tarballs = (await readdir(packs.path)).map((f) => join(packs.path, f))
  expect(tarballs).toHaveLength(3)
  await writeFile(
    join(app.path, 'package.json'),
    JSON.stringify({ name: 'packed-app', private: true, type: 'module' }),
  )
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], {
    cwd: app.path,
  })
  await writeFile(join(app.path, 'app.mjs'), APP)
  const data = join(app.path, 'data')
  await mkdir(data)
  const { stdout } = await run('node', ['app.mjs', data], { cwd: app.path })
  const result = JSON.parse(stdout)
  expect(result.personas).toEqual(
    expect.arrayContaining(['default', 'brainstorm', 'planner', 'research']),
  )
  expect(result.listed.sort()).toEqual(['demo', 'other'])
  expect(result.active).toBe('demo')
  expect(result.other).toBe('default')
  expect(result.args).toEqual(expect.arrayContaining(['--output-format', 'stream-json']))
})
