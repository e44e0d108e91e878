import { execFile } from 'node:child_process'
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const REPO = fileURLToPath(new URL('../../../', import.meta.url))
const PACKAGES = ['packages/core', 'packages/process', 'apps/cli']

/**
 * The bin's tests run `dist/main.js` as a user would, so it and the packages it imports are built
 * first (tsc, in dependency order), unless every dist is newer than every source file: under turbo
 * the build task ran already (apps/cli/turbo.json), and rewriting dist files then could race
 * another package's test reading them.
 */
export default async function setup(): Promise<void> {
  if (await upToDate()) return
  for (const dir of PACKAGES) {
    await run('pnpm', ['exec', 'tsc', '-p', 'tsconfig.build.json'], { cwd: join(REPO, dir) })
  }
}

async function upToDate(): Promise<boolean> {
  const built = await Promise.all(
    ['packages/core/dist/index.js', 'packages/process/dist/index.js', 'apps/cli/dist/main.js'].map(
      (file) =>
        stat(join(REPO, file)).then(
          (s) => s.mtimeMs,
          () => 0,
        ),
    ),
  )
  const sources = await Promise.all(PACKAGES.map((dir) => newestMtime(join(REPO, dir, 'src'))))
  return Math.min(...built) > Math.max(...sources)
}

async function newestMtime(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  const times = await Promise.all(
    entries
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
      .map((e) => stat(join(e.parentPath, e.name)).then((s) => s.mtimeMs)),
  )
  return Math.max(0, ...times)
}
