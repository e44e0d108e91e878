import { readdir, realpath } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { isInside } from '@switchboard/core'

/** The real path when it exists (the CLI matches rules against real paths), else the path as given. */
export async function realOrSelf(path: string): Promise<string> {
  return realpath(path).catch(() => path)
}

/**
 * The paths to deny so that `region` is closed to the file tools except `keep` (the session's working
 * directory). Permission deny rules beat allow rules, so a region that holds `keep` cannot be denied
 * whole: it is denied entry by entry along the way down to `keep` — every sibling at each level, as
 * listed now. A region that does not hold `keep` is denied whole.
 */
export async function carveOut(region: string, keep: string): Promise<string[]> {
  if (!isInside(region, keep)) return [region]
  const denied: string[] = []
  let dir = region
  for (const segment of relative(region, keep).split(sep).filter(Boolean)) {
    for (const entry of await listEntries(dir)) if (entry !== segment) denied.push(join(dir, entry))
    dir = join(dir, segment)
  }
  return denied
}

/**
 * `carveOut` with several places to keep open (the working directory, a bound session's uploads):
 * each entry of the region on the way to none of them is denied whole.
 */
export async function carveOutAll(region: string, keep: readonly string[]): Promise<string[]> {
  const inside = keep.filter((path) => isInside(region, path))
  if (inside.length === 0) return [region]
  if (inside.some((path) => relative(region, path) === '')) return []
  const denied: string[] = []
  for (const entry of await listEntries(region)) {
    denied.push(...(await carveOutAll(join(region, entry), inside)))
  }
  return denied
}

async function listEntries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir)
  } catch {
    return [] // missing or unreadable: nothing there to deny
  }
}
