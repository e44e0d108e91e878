/**
 * One-line, human descriptions of Claude Code tool calls for the live view ("Bash: npm test").
 * Returns plain text: callers escape it for HTML.
 */

import * as In from './tool-input.js'
import { firstLine, truncateEnd } from './truncate.js'

export interface DescribeOptions {
  /** Working directory: paths under it are shown relative to it. */
  cwd?: string
  /** Maximum length of the result in UTF-16 units; default 120. */
  maxLength?: number
}

/** "Bash: npm test", "Edit: src/app.ts", "github/create_issue: {…}", … */
export function describeToolUse(
  name: string,
  input: unknown,
  options: DescribeOptions = {},
): string {
  const max = options.maxLength ?? 120
  return truncateEnd(
    `${displayToolName(name)}${detail(name, input, options) ?? fallback(input)}`,
    max,
  )
}

/** "mcp__server__tool" → "server/tool"; other names unchanged. */
export function displayToolName(name: string): string {
  const mcp = /^mcp__(.+?)__(.+)$/.exec(name)
  return mcp ? `${mcp[1]}/${mcp[2]}` : name
}

/** Shortens a path for display: relative to `cwd` when inside it, else its last segments. */
export function displayPath(path: string, cwd?: string): string {
  if (cwd) {
    const base = cwd.endsWith('/') ? cwd : `${cwd}/`
    if (path.startsWith(base) && path.length > base.length) return path.slice(base.length)
  }
  if (path.length <= 60) return path
  return `…/${path.split('/').slice(-3).join('/')}`
}

function detail(name: string, input: unknown, options: DescribeOptions): string | undefined {
  const path = (p: string) => `: ${displayPath(p, options.cwd)}`
  switch (name) {
    case 'Bash': {
      const i = In.readInput(In.CommandInput, input)
      return i && `: ${firstLine(i.command)}`
    }
    case 'Edit':
    case 'MultiEdit':
    case 'Write':
    case 'Read': {
      const i = In.readInput(In.FilePathInput, input)
      return i && path(i.file_path)
    }
    case 'NotebookEdit':
    case 'NotebookRead': {
      const i = In.readInput(In.NotebookInput, input)
      return i && path(i.notebook_path)
    }
    case 'Grep':
    case 'Glob': {
      const i = In.readInput(In.SearchInput, input)
      if (!i) return undefined
      const where = i.path ? ` in ${displayPath(i.path, options.cwd)}` : ''
      const glob = name === 'Grep' && i.glob ? ` (${i.glob})` : ''
      return `: ${i.pattern}${where}${glob}`
    }
    case 'LS': {
      const i = In.readInput(In.PathInput, input)
      return i && path(i.path)
    }
    case 'WebFetch': {
      const i = In.readInput(In.UrlInput, input)
      return i && `: ${i.url}`
    }
    case 'WebSearch': {
      const i = In.readInput(In.QueryInput, input)
      return i && `: ${i.query}`
    }
    case 'Task': {
      const i = In.readInput(In.TaskInput, input)
      return i && `: ${i.description}`
    }
    case 'TodoWrite': {
      const i = In.readInput(In.TodoInput, input)
      return i && `: ${i.todos.length} item${i.todos.length === 1 ? '' : 's'}`
    }
    default:
      return undefined
  }
}

function fallback(input: unknown): string {
  if (input === undefined || input === null) return ''
  if (typeof input === 'object' && Object.keys(input).length === 0) return ''
  return `: ${compactJson(input)}`
}

/** JSON on one line, or a placeholder for values JSON can't show. */
export function compactJson(value: unknown, space?: number): string {
  try {
    return JSON.stringify(value, null, space) ?? String(value)
  } catch {
    return '[unprintable input]'
  }
}
