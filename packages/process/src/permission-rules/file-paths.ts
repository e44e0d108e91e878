import { lstatSync, realpathSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path'
import { isInside } from '@switchboard/core'

/** The tools whose input names one file, the rule tool the CLI matches them with, and the input key. */
const FILE_TOOLS: Readonly<Record<string, { ruleTool: 'Read' | 'Edit'; key: string }>> = {
  Read: { ruleTool: 'Read', key: 'file_path' },
  Write: { ruleTool: 'Edit', key: 'file_path' },
  Edit: { ruleTool: 'Edit', key: 'file_path' },
  MultiEdit: { ruleTool: 'Edit', key: 'file_path' },
  NotebookEdit: { ruleTool: 'Edit', key: 'notebook_path' },
}

// Path rules are gitignore patterns: glob characters, a trailing space or a `#`/`!` would change what
// they match, so a path carrying one is never written as a rule.
const GLOB_OR_SPECIAL = /[*?[\]{}!#]|\s$/

/** The CLI's path rules apply `Read(…)` to reads and `Edit(…)` to every tool that writes a file. */
export function ruleToolFor(toolName: string): 'Read' | 'Edit' | undefined {
  return FILE_TOOLS[toolName]?.ruleTool
}

/**
 * The absolute, normalised path a file tool's request names (`..` resolved: a rule names where the tool
 * really goes), or undefined: no path, or a relative one (the CLI's idea of its cwd can move).
 */
export function requestPath(toolName: string, input: Record<string, unknown>): string | undefined {
  const tool = FILE_TOOLS[toolName]
  const raw = tool && input[tool.key]
  if (typeof raw !== 'string' || !isAbsolute(raw)) return undefined
  return resolve(raw)
}

/** A normalised absolute path that a path rule can name exactly. */
export function isExpressiblePath(path: string): boolean {
  return isAbsolute(path) && resolve(path) === path && path !== sep && !GLOB_OR_SPECIAL.test(path)
}

/** True when `path` is strictly below `dir` (both absolute and normalised). */
export function isStrictlyInside(dir: string, path: string): boolean {
  return path !== dir && isInside(dir, path)
}

/**
 * Where `path` really leads: symlinks resolved; for a file not there yet, its real parent and its name;
 * undefined for a dangling symlink or a path that cannot be resolved.
 */
export function realTarget(path: string): string | undefined {
  try {
    return realpathSync(path)
  } catch {}
  try {
    lstatSync(path)
    return undefined // it is there, yet does not resolve: a dangling or looping link
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') return undefined
  }
  const parent = dirname(path)
  if (parent === path) return undefined
  const real = realTarget(parent)
  return real === undefined ? undefined : join(real, basename(path))
}
