/**
 * One-line, human descriptions of Claude Code tool calls ("Bash: npm test", "Question: Which colour?").
 * Known tools get a readable line; unknown ones (any name can appear: MCP servers, deferred tools) a
 * short generic one built from their first plain field, never raw JSON. Returns plain text: callers
 * escape it for HTML.
 */

import * as In from './tool-input.js'
import { firstLine, truncateEnd } from './truncate.js'

export interface DescribeOptions {
  /** Working directory: paths under it are shown relative to it. */
  cwd?: string
  /** Maximum length of the result in UTF-16 units; default 120. */
  maxLength?: number
}

/** What a call is about: a label ("Read", "github: create_issue") and its detail ("src/a.ts"). */
export interface ToolSubject {
  label: string
  /** Undefined when the input says nothing worth showing. */
  detail: string | undefined
  /** How label and detail join: ": " for known tools ("Bash: npm test"), " " for generic "(key: value)". */
  joiner: string
}

/** "Bash: npm test", "Edit: src/app.ts", "github: create_issue (title: Bug)", … */
export function describeToolUse(
  name: string,
  input: unknown,
  options: DescribeOptions = {},
): string {
  return truncateEnd(subjectText(toolSubject(name, input, options.cwd)), options.maxLength ?? 120)
}

/** label + detail as one line. */
export function subjectText(subject: ToolSubject): string {
  return subject.detail === undefined
    ? subject.label
    : `${subject.label}${subject.joiner}${subject.detail}`
}

/** "mcp__server__tool" → "server/tool"; other names unchanged (prompts and attachments). */
export function displayToolName(name: string): string {
  const mcp = mcpName(name)
  return mcp ? `${mcp.server}/${mcp.tool}` : name
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

/** The subject of a call of `name` with `input`. */
export function toolSubject(name: string, input: unknown, cwd?: string): ToolSubject {
  const known = knownDetail(name, input, cwd)
  if (known) return { label: known.label ?? name, detail: known.detail, joiner: ': ' }
  const detail = genericDetail(input)
  return {
    label: logToolName(name),
    detail: detail && `(${detail})`,
    joiner: ' ',
  }
}

/** A tool's name for a log line: "mcp__server__tool" → "server: tool"; others unchanged. */
export function logToolName(name: string): string {
  const mcp = mcpName(name)
  return mcp ? `${mcp.server}: ${mcp.tool}` : name
}

function mcpName(name: string): { server: string; tool: string } | undefined {
  const mcp = /^mcp__(.+?)__(.+)$/.exec(name)
  return mcp?.[1] && mcp[2] ? { server: mcp[1], tool: mcp[2] } : undefined
}

type Known = { label?: string; detail: string | undefined }

function knownDetail(name: string, input: unknown, cwd?: string): Known | undefined {
  const path = (p: string) => ({ detail: displayPath(p, cwd) })
  switch (name) {
    case 'Bash': {
      const i = In.readInput(In.CommandInput, input)
      return i && { detail: truncateEnd(firstLine(i.command), 100) }
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
      const where = i.path ? ` in ${displayPath(i.path, cwd)}` : ''
      const glob = name === 'Grep' && i.glob ? ` (${i.glob})` : ''
      return { detail: `${i.pattern}${where}${glob}` }
    }
    case 'LS': {
      const i = In.readInput(In.PathInput, input)
      return i && path(i.path)
    }
    case 'WebFetch': {
      const i = In.readInput(In.UrlInput, input)
      return i && { detail: i.url.replace(/^https?:\/\//, '') }
    }
    case 'WebSearch': {
      const i = In.readInput(In.QueryInput, input)
      return i && { detail: i.query }
    }
    case 'Task':
    case 'Agent': {
      const i = In.readInput(In.TaskInput, input)
      return i && { detail: i.description }
    }
    case 'TodoWrite':
      return todoDetail(input)
    case 'AskUserQuestion': {
      const i = In.readInput(In.QuestionsInput, input)
      const first = i?.questions[0]?.question
      if (!i || first === undefined) return undefined
      const more = i.questions.length > 1 ? ` (+${i.questions.length - 1} more)` : ''
      return { label: 'Question', detail: `${firstLine(first)}${more}` }
    }
    case 'ExitPlanMode':
      return { label: 'Plan ready for approval', detail: undefined }
    case 'ToolSearch': {
      const i = In.readInput(In.QueryInput, input)
      const select = i && /^select:(.+)$/.exec(i.query)?.[1]
      if (select) return { label: 'Load tool', detail: select.split(',').join(', ') }
      return i && { detail: i.query }
    }
    default:
      return undefined
  }
}

/** "3 items, now: running tests" (the item in progress, by its active form). */
function todoDetail(input: unknown): Known | undefined {
  const i = In.readInput(In.TodoInput, input)
  if (!i) return undefined
  const count = `${i.todos.length} item${i.todos.length === 1 ? '' : 's'}`
  const current = i.todos
    .map((todo) => In.readInput(In.TodoItem, todo))
    .find((todo) => todo?.status === 'in_progress')
  const now = current ? (current.activeForm ?? current.content) : undefined
  return { label: 'Todos', detail: now ? `${count}, now: ${firstLine(now)}` : count }
}

/** The first plain field of an unknown tool's input ("title: Bug"), or how many fields it has. */
function genericDetail(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined
  const entries = Object.entries(input)
  if (entries.length === 0) return undefined
  const plain = entries.find(
    ([, v]) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'number',
  )
  const more = entries.length > 1 ? ', …' : ''
  if (!plain) return `${entries.length} field${entries.length === 1 ? '' : 's'}`
  const [key, value] = plain
  return `${truncateEnd(key, 30)}: ${truncateEnd(firstLine(String(value)), 60)}${more}`
}

/** JSON on one line, or a placeholder for values JSON can't show (permission prompts' inputs). */
export function compactJson(value: unknown, space?: number): string {
  try {
    return JSON.stringify(value, null, space) ?? String(value)
  } catch {
    return '[unprintable input]'
  }
}
