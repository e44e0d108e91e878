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

async function listEntries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir)
  } catch {
    return [] // missing or unreadable: nothing there to deny
  }
}
