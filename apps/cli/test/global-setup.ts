import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const REPO = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * The bin's tests run `dist/main.js` as a user would, so it and the packages it imports are built
 * first (tsc, in dependency order; a no-op-fast compile when nothing changed).
 */
export default async function setup(): Promise<void> {
  for (const dir of ['packages/core', 'packages/process', 'apps/cli']) {
    await run('pnpm', ['exec', 'tsc', '-p', 'tsconfig.build.json'], { cwd: `${REPO}${dir}` })
  }
}
