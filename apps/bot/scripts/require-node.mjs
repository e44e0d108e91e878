// Runs before anything imports a dependency (`pnpm start`): on an old Node the bot's dependencies fail
// with errors that say nothing about the cause (e.g. "TEXT_ENCODINGS.union is not a function" on Node
// 20), so the version is checked first, in syntax every Node since 14 understands.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/**
 * The versions `engines.node` allows, as alternatives: `^22.22.2 || ^24.15.0 || >=26.0.0` gives
 * [{ from: [22, 22, 2], sameMajor: true }, …, { from: [26, 0, 0], sameMajor: false }]. Only the forms
 * the manifests use (`^x.y.z`, `>=x.y.z`, joined by `||`); anything else reads as ">=22.12".
 */
export function requiredVersion(engines) {
  const alternatives = String(engines || '')
    .split('||')
    .map((part) => /^\s*(\^|>=)\s*(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(part))
    .filter(Boolean)
    .map((m) => ({
      from: [Number(m[2]), Number(m[3] || 0), Number(m[4] || 0)],
      sameMajor: m[1] === '^',
    }))
  return alternatives.length > 0 ? alternatives : [{ from: [22, 12, 0], sameMajor: false }]
}

/** One line saying what is needed and how to get it, or undefined when `version` is allowed. */
export function nodeVersionProblem(version, required) {
  const have = version.split('.').map(Number)
  if (required.some((alt) => allows(alt, have))) return undefined
  return (
    `switchboard: Node.js ${describe(required)} is needed; this is Node.js ${version} (${process.execPath}). ` +
    "Install Node.js 24 LTS (https://nodejs.org/en/download, or `nvm install 24` / `fnm install 24`; the repo's " +
    '.node-version says 24), then run `pnpm install` and `pnpm start` again.'
  )
}

function allows(alt, have) {
  if (alt.sameMajor && have[0] !== alt.from[0]) return false
  for (let i = 0; i < 3; i++) {
    if ((have[i] || 0) !== alt.from[i]) return (have[i] || 0) > alt.from[i]
  }
  return true
}

// "22.22.2 or newer on 22, 24.15.0 or newer on 24, or 26.0.0 or newer"
function describe(required) {
  const parts = required.map((alt) =>
    alt.sameMajor
      ? `${alt.from.join('.')} or newer on ${alt.from[0]}`
      : `${alt.from.join('.')} or newer`,
  )
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')}, or ${parts.at(-1)}` : parts[0]
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
