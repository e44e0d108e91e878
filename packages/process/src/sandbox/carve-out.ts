import { readdir, realpath } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { isInside } from '@switchboard/core'

/** The real path when it exists (the CLI matches rules against real paths), else the path as given. */
export async function realOrSelf(path: string): Promise<string> {
  return realpath(path).catch(() => path)
}

/**
 * The paths to deny so that `region` is closed to the file tools except `keep` (the session's working
 * directory, a bound session's uploads). Permission deny rules beat allow rules, so a region that
 * holds a kept path cannot be denied whole: it is denied entry by entry along the way down to each —
 * every entry on the way to none of them, as listed now. A region that holds none is denied whole.
 */
export async function carveOut(region: string, keep: readonly string[]): Promise<string[]> {
  const inside = keep.filter((path) => isInside(region, path))
  if (inside.length === 0) return [region]
  if (inside.some((path) => relative(region, path) === '')) return []
  const denied: string[] = []
  for (const entry of await listEntries(region)) {
    denied.push(...(await carveOut(join(region, entry), inside)))
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
