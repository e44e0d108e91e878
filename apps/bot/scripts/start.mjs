// `pnpm start` at the repository root: checks Node, builds the bot quietly, then runs it in this
// process. Only the bot's own output reaches the terminal: turbo's banner and summary are shown only
// when the build fails (where they explain it). Plain syntax: it must run on an old Node too.
import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { nodeVersionProblem, requiredVersion } from './require-node.mjs'

const engines = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
).engines
const problem = nodeVersionProblem(process.versions.node, requiredVersion(engines?.node))
if (problem) {
  console.error(problem)
  process.exit(1)
}

const root = fileURLToPath(new URL('../../../', import.meta.url))
const localTurbo = fileURLToPath(new URL('../../../node_modules/.bin/turbo', import.meta.url))
const tty = process.stderr.isTTY
if (tty) process.stderr.write('switchboard: building…')
const build = spawnSync(
  existsSync(localTurbo) ? localTurbo : 'turbo',
  ['run', 'build', '--filter=@switchboard/bot...', '--output-logs=errors-only'],
  { cwd: root, encoding: 'utf8', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } },
)
if (tty) process.stderr.write('\r\x1b[2K') // the "building…" line goes away
if (build.status !== 0) {
  process.stderr.write(`${build.stdout || ''}${build.stderr || ''}`)
  console.error(
    build.error
      ? `switchboard: could not run turbo (${build.error.message}); run \`pnpm install\` first`
      : 'switchboard: the build failed (see above); fix it, or run `pnpm install` if dependencies changed',
  )
  process.exit(1)
}

await import('../dist/main.js')
