/**
 * A finished tool call as one line of the turn log: `Read src/sum.js`, `Edit src/sum.js (+1 −1)`,
 * `npm test — exit 1` (with the last lines of its output), `TodoWrite failed: <reason>`. Read from the
 * tool_result the CLI sends back to the model and its structured `tool_use_result` (tool-result-shapes).
 * Plain text: callers escape it.
 */

import { formatCount } from './fit-block.js'
import {
  AnswersReport,
  BashReport,
  CreateReport,
  PatchReport,
  readReport,
  ToolSearchReport,
} from './tool-result-shapes.js'
import { logToolName, subjectText, toolSubject } from './tool-summary.js'
import { firstLine, truncateEnd } from './truncate.js'

/** What the CLI reported for one call. */
export interface ToolResultInfo {
  isError: boolean
  /** The tool_result text the model got. */
  content: string
  toolUseResult?: unknown
  /** The permission was refused (by the user, a timeout…): the line says "denied", not "failed". */
  denied?: boolean
}

export interface ToolOutcome {
  line: string
  failed: boolean
  /** The last lines of the output, shown under the line (Bash). */
  tail: string[]
  /** The whole output (Bash), for the "Full output" button and /log. */
  output: string | undefined
}

export const TAIL_LINES = 3
const TAIL_LINE_CHARS = 100
const REASON_CHARS = 100
/** Tools whose line reads "Read src/a.ts" rather than "Name: detail". */
const PATH_TOOLS = new Set(['Read', 'Edit', 'MultiEdit', 'Write', 'NotebookEdit', 'LS'])

/** The log line of a call of `name` with `input` that ended with `result`. */
export function toolOutcome(
  name: string,
  input: unknown,
  result: ToolResultInfo,
  cwd?: string,
): ToolOutcome {
  const subject = toolSubject(name, input, cwd)
  if (name === 'Bash' && subject.detail !== undefined) return bashOutcome(subject.detail, result)
  const path = PATH_TOOLS.has(name)
  const what = path ? subjectText({ ...subject, joiner: ' ' }) : subjectText(subject)
  // A failure names the tool itself ("TodoWrite failed: …"): its summary may not fit a failure.
  if (result.isError) return failed(path ? what : logToolName(name), result)
  return {
    line: `${what}${changeCount(result.toolUseResult)}${resultNote(name, result.toolUseResult)}`,
    failed: false,
    tail: [],
    output: undefined,
  }
}

/** "npm test — exit 1" and its tail; "npm test failed: <reason>" when it never ran (denied, …). */
function bashOutcome(command: string, result: ToolResultInfo): ToolOutcome {
  if (result.isError) {
    const exit = /^Exit code (\d+)\n?/.exec(result.content)
    if (!exit) return failed(command, result)
    const output = result.content.slice(exit[0].length)
    return { line: `${command} — exit ${exit[1]}`, failed: true, tail: tailOf(output), output }
  }
  const report = readReport(BashReport, result.toolUseResult)
  const output = result.content
  const status = report?.backgroundTaskId
    ? 'running in the background'
    : report?.interrupted
      ? 'interrupted'
      : 'exit 0'
  return { line: `${command} — ${status}`, failed: false, tail: tailOf(output), output }
}

function failed(what: string, result: ToolResultInfo): ToolOutcome {
  return {
    line: `${what} ${result.denied ? 'denied' : 'failed'}: ${failureReason(result.content)}`,
    failed: true,
    tail: [],
    output: undefined,
  }
}

/** The error's first line without the CLI's wrapping (`<tool_use_error>`, "Error: "). */
export function failureReason(content: string): string {
  const text = content
    .replace(/<\/?tool_use_error>/g, '')
    .trim()
    .replace(/^Error:\s*/, '')
  return text === '' ? 'no reason given' : truncateEnd(firstLine(text), REASON_CHARS)
}

/** " (+1 −1)" from an edit's patch, " (new file, 3 lines)" for a created one; else "". */
function changeCount(report: unknown): string {
  const created = readReport(CreateReport, report)
  if (created) return ` (new file, ${formatCount(lineCount(created.content), 'line')})`
  const patch = readReport(PatchReport, report)
  if (!patch) return ''
  const lines = patch.structuredPatch.flatMap((hunk) => hunk.lines)
  const added = lines.filter((l) => l.startsWith('+')).length
  const removed = lines.filter((l) => l.startsWith('-')).length
  return ` (+${added} −${removed})`
}

/** What a question was answered (" → Red"), or that a tool to load was not found. */
function resultNote(name: string, report: unknown): string {
  if (name === 'AskUserQuestion') {
    const answers = readReport(AnswersReport, report)?.answers
    const values = answers ? Object.values(answers) : []
    return values.length > 0 ? ` → ${truncateEnd(firstLine(values.join('; ')), 80)}` : ''
  }
  if (name === 'ToolSearch') {
    const search = readReport(ToolSearchReport, report)
    return search && search.matches.length === 0 ? ' — not available' : ''
  }
  return ''
}

/** The last non-empty lines of `output`, each cut to a phone's width. */
export function tailOf(output: string, count = TAIL_LINES): string[] {
  return output
    .split('\n')
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .map((line) => truncateEnd(line, TAIL_LINE_CHARS))
}

function lineCount(text: string): number {
  if (text === '') return 0
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length
}
