/**
 * Safe names for uploaded files: what the user's client calls the file, reduced to one plain path
 * segment (no separators, no leading dots or dashes, no control or shell-special characters), and
 * never overwriting an existing file (a numeric suffix is added instead).
 */

import { open } from 'node:fs/promises'
import { extname, join } from 'node:path'

const MAX_NAME_LENGTH = 100

/** One safe path segment for `name`; `fallback` when nothing usable is left. */
export function sanitizeFileName(name: string, fallback = 'file'): string {
  const base = name.split(/[/\\]/).pop() ?? ''
  let clean = base
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, '_')
    .replace(/[^\p{L}\p{N}._\-+,@()=]/gu, '_')
    .replace(/_+/g, '_')
    .replace(/^[.\-_]+/, '')
    .replace(/[._]+$/, '')
  if (clean === '') clean = fallback
  if (clean.length > MAX_NAME_LENGTH) {
    const ext = extname(clean).slice(0, 16)
    clean = clean.slice(0, MAX_NAME_LENGTH - ext.length) + ext
  }
  return clean
}

/** `name`, or `name-1.ext`, `name-2.ext`, … : the n-th candidate for a file name. */
export function candidateName(name: string, n: number): string {
  if (n === 0) return name
  const ext = extname(name)
  const stem = ext && ext !== name ? name.slice(0, -ext.length) : name
  return `${stem}-${n}${ext && ext !== name ? ext : ''}`
}

/**
 * Creates a new, empty file in `dir` named after `name` (exclusive create, so a concurrent upload
 * can never take the same name) and returns the chosen name with its open handle.
 */
export async function createUniqueFile(dir: string, name: string) {
  for (let n = 0; n < 10_000; n++) {
    const candidate = candidateName(name, n)
    try {
      const handle = await open(join(dir, candidate), 'wx', 0o600)
      return { name: candidate, handle }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
  }
  throw new Error(`no free file name for ${name} in ${dir}`)
}
