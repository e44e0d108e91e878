import { existsSync } from 'node:fs'
import { chmod, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { afterEach, describe, expect, test } from 'vitest'
import { checkSandbox } from './check-sandbox.js'

const hasBwrap = existsSync('/usr/bin/bwrap') && existsSync('/usr/bin/socat')
const dirs: Awaited<ReturnType<typeof makeTempDir>>[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => d.cleanup()))
})

/** A PATH directory holding only the named programs (symlinks to the real ones) and scripts. */
async function pathWith(links: string[], scripts: Record<string, string> = {}): Promise<string> {
  const dir = await makeTempDir('sandbox-check-path')
  dirs.push(dir)
  for (const name of links) await symlink(`/usr/bin/${name}`, join(dir.path, name))
  for (const [name, body] of Object.entries(scripts)) {
    await writeFile(join(dir.path, name), `#!/bin/sh\n${body}\n`)
    await chmod(join(dir.path, name), 0o755)
  }
  return dir.path
}

describe.skipIf(process.platform !== 'linux')('checkSandbox on Linux', () => {
  test.skipIf(!hasBwrap)('bubblewrap and socat installed: available', async () => {
    expect(await checkSandbox({ env: { PATH: '/usr/bin:/bin' } })).toEqual({
      available: true,
      backend: 'bubblewrap',
    })
  })

  test('no bwrap on PATH: bwrap_missing', async () => {
    const check = await checkSandbox({ env: { PATH: await pathWith(['socat']) } })
    expect(check).toMatchObject({ available: false, reason: 'bwrap_missing' })
  })

  test.skipIf(!hasBwrap)('bwrap without socat: socat_missing', async () => {
    const check = await checkSandbox({ env: { PATH: await pathWith(['bwrap']) } })
    expect(check).toMatchObject({ available: false, reason: 'socat_missing' })
  })

  test('a bwrap that cannot create its namespaces: bwrap_failed, with its message', async () => {
    const PATH = await pathWith([], {
      bwrap: 'echo "bwrap: setting up uid map: Permission denied" >&2; exit 1',
    })
    expect(await checkSandbox({ env: { PATH } })).toEqual({
      available: false,
      reason: 'bwrap_failed',
      detail: 'bwrap: setting up uid map: Permission denied',
    })
  })

  test('a bwrap that runs nothing (exits 0, prints nothing) is not a sandbox', async () => {
    const PATH = await pathWith([], { bwrap: 'exit 0' })
    expect(await checkSandbox({ env: { PATH } })).toMatchObject({ reason: 'bwrap_failed' })
  })
})

test('no sandbox backend on other platforms', async () => {
  expect(await checkSandbox({ env: {}, platform: 'win32' })).toMatchObject({
    available: false,
    reason: 'unsupported_platform',
  })
})
