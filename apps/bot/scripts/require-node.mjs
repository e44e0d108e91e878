// Runs before anything imports a dependency (`pnpm start`): on an old Node the bot's dependencies fail
// with errors that say nothing about the cause (e.g. "TEXT_ENCODINGS.union is not a function" on Node
// 20), so the version is checked first, in syntax every Node since 14 understands.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The lowest version `engines.node` (">=22.12") allows, as [major, minor]. */
export function requiredVersion(engines) {
  const match = /(\d+)(?:\.(\d+))?/.exec(engines || '')
  return match ? [Number(match[1]), Number(match[2] || 0)] : [22, 12]
}

/** One line saying what is needed and how to get it, or undefined when `version` is new enough. */
export function nodeVersionProblem(version, required) {
  const [major, minor] = version.split('.').map(Number)
  const [needMajor, needMinor] = required
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined
  return (
    `switchboard: Node.js ${needMajor}.${needMinor} or newer is needed; this is Node.js ${version} (${process.execPath}). ` +
    "Install Node.js 24 LTS (https://nodejs.org/en/download, or `nvm install 24` / `fnm install 24`; the repo's " +
    '.node-version says 24), then run `pnpm install` and `pnpm start` again.'
  )
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = new URL('../package.json', import.meta.url)
  const engines = JSON.parse(readFileSync(manifest, 'utf8')).engines
  const problem = nodeVersionProblem(process.versions.node, requiredVersion(engines?.node))
  if (problem) {
    console.error(problem)
    process.exit(1)
  }
}
