import { mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { catchError } from '../test/catch-error.js'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import type { SessionManagerOptions } from './index.js'

// With no project roots, `/new x default /` used to bind a session to `/`, and /get then sent any
// file. The data dir, the app's checkout, `/` and the home dir (and anything containing them) are
// refused; symlinks are resolved first.
const tmp = useTempDir()
let dirs: { home: string; data: string; checkout: string; project: string; link: string }

beforeEach(async () => {
  const home = join(tmp.path, 'home')
  dirs = {
    home,
    data: join(home, '.local', 'share', 'switchboard'),
    checkout: join(home, 'src', 'switchboard'),
    project: join(home, 'src', 'app'),
    link: join(home, 'root-link'),
  }
  for (const dir of [dirs.data, join(dirs.checkout, 'apps'), dirs.project]) {
    await mkdir(dir, { recursive: true })
  }
  await symlink('/', dirs.link)
})

const manager = (options: SessionManagerOptions = {}) =>
  makeManager(dirs.data, { privateDirs: [dirs.checkout], broadDirs: [dirs.home], ...options })

const bind = async (projectDir: string, options?: SessionManagerOptions) =>
  catchError(() => manager(options).create({ owner: '1', name: 'x', projectDir }))

type Expected = [string, () => string, () => string, string, string]
const cases: Expected[] = [
  ['/', () => '/', () => '/', 'broad', 'is'],
  ['a symlink to /', () => dirs.link, () => '/', 'broad', 'is'],
  ['the home dir', () => dirs.home, () => dirs.home, 'broad', 'is'],
  ['a dir above home', () => tmp.path, () => dirs.home, 'broad', 'contains'],
  ['the data dir', () => dirs.data, () => dirs.data, 'data', 'is'],
  [
    'a dir inside the data dir',
    () => join(dirs.data, 'sessions'),
    () => dirs.data,
    'data',
    'inside',
  ],
  [
    'a dir containing the data dir',
    () => join(dirs.home, '.local'),
    () => dirs.data,
    'data',
    'contains',
  ],
  ['the checkout', () => dirs.checkout, () => dirs.checkout, 'private', 'is'],
  [
    'inside the checkout',
    () => join(dirs.checkout, 'apps'),
    () => dirs.checkout,
    'private',
    'inside',
  ],
  [
    'a dir containing the checkout',
    () => join(dirs.home, 'src'),
    () => dirs.checkout,
    'private',
    'contains',
  ],
]

describe('binding with no project roots', () => {
  it.each(cases)('refuses %s', async (_label, input, protectedDir, kind, relation) => {
    await mkdir(input(), { recursive: true })
    expect(await bind(input())).toMatchObject({
      code: 'DIRECTORY_PROTECTED',
      protectedDir: protectedDir(),
      kind,
      relation,
      rootsConfigured: false,
    })
  })

  it('accepts a normal project directory (inside home)', async () => {
    const meta = await manager().create({ owner: '1', name: 'x', projectDir: dirs.project })
    expect(meta).toMatchObject({ workingDirectory: dirs.project, boundToProject: true })
  })
})

describe('binding with project roots', () => {
  it('accepts home when roots include it, but never the data dir or the checkout', async () => {
    const data = join(tmp.path, 'srv', 'data')
    const checkout = join(tmp.path, 'srv', 'switchboard')
    await mkdir(join(checkout, 'apps'), { recursive: true })
    const m = makeManager(data, {
      projectRoots: [tmp.path],
      privateDirs: [checkout],
      broadDirs: [dirs.home],
    })
    const bindTo = (projectDir: string) =>
      catchError(() => m.create({ owner: '1', name: 'x', projectDir }))
    expect(
      (await m.create({ owner: '1', name: 'h', projectDir: dirs.home })).workingDirectory,
    ).toBe(dirs.home)
    await mkdir(data, { recursive: true })
    expect(await bindTo(data)).toMatchObject({
      kind: 'data',
      relation: 'is',
      rootsConfigured: true,
    })
    expect(await bindTo(join(checkout, 'apps'))).toMatchObject({
      kind: 'private',
      relation: 'inside',
    })
    expect(await bindTo(join(tmp.path, 'srv'))).toMatchObject({ code: 'DIRECTORY_PROTECTED' })
  })
})
