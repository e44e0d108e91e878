import type { ConfigProblem } from './config-problems.js'

/**
 * Variables that look like settings but aren't (a typo such as SWITCHBOARD_MAXLIVE is otherwise
 * silently ignored, its value never applied): every unknown SWITCHBOARD_* one, and a TELEGRAM_* one
 * close to a known name (other tools have TELEGRAM_* variables of their own).
 */
export function unknownSettings(
  env: Record<string, string | undefined>,
  known: readonly string[],
): ConfigProblem[] {
  const knownSet = new Set(known)
  return Object.entries(env)
    .filter(([name, value]) => value && !knownSet.has(name))
    .flatMap(([name]) => {
      const closest = closestName(name, known)
      if (!name.startsWith('SWITCHBOARD_') && !(name.startsWith('TELEGRAM_') && closest)) return []
      const hint = closest ? `did you mean ${closest}?` : '.env.example lists the settings'
      return [
        { variable: name, message: `is not a Switchboard setting, so it is ignored: ${hint}` },
      ]
    })
}

/** The known name a few edits away from `name`, if there is one. */
function closestName(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined
  for (const candidate of known) {
    const distance = editDistance(name, candidate)
    if (distance <= 3 && (best === undefined || distance < best.distance))
      best = { name: candidate, distance }
  }
  return best?.name
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution)
    }
    previous = current
  }
  return previous[b.length] ?? 0
}
