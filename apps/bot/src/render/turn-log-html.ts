/**
 * The turn log as Telegram HTML: the permanent message a turn's progress becomes ("<b>s</b> · ✓ done —
 * 3 tools, 20 s" and a line per tool, in an expandable quote when long), the live view's recent lines,
 * and the full outputs (Bash) for the "Full output" button and /log — as plain text for a file when
 * they don't fit a message.
 */

import { escapeHtml } from './html-escape.js'
import { truncateEnd } from './truncate.js'
import type { LoggedTool } from './turn-log.js'

/** More lines than this fold into an expandable quote (a phone screen shows ~15). */
export const LOG_COLLAPSE_LINES = 6
/** Visible characters of a log message: under Telegram's 4096 with room for the header. */
export const LOG_MAX_VISIBLE = 3500
export const RULE_NOTE = 'allowed by your rule'

export interface TurnLogView {
  title: string
  /** "✓ done — 3 tools, 20 s" */
  summary: string
  tools: readonly LoggedTool[]
}

/** ✓ / ✗ / … before each line. */
export function toolGlyph(tool: LoggedTool): string {
  return tool.state === 'failed' ? '✗' : tool.state === 'done' ? '✓' : '…'
}

/** The call's headline: glyph, outcome, and whether a rule allowed it. */
export function toolHeadline(tool: LoggedTool): string {
  const rule = tool.byRule ? ` · ${RULE_NOTE}` : ''
  const running = tool.state === 'running' ? ' (did not finish)' : ''
  return `${toolGlyph(tool)} ${truncateEnd(tool.line, 200)}${running}${rule}`
}

/** The plain lines of one call: headline, then its output's tail and a rule-allowed edit's diff. */
export function toolLines(tool: LoggedTool): string[] {
  const lines = [toolHeadline(tool)]
  for (const line of tool.tail) lines.push(`   │ ${line}`)
  if (tool.diff) for (const line of tool.diff.split('\n')) lines.push(`   ${line}`)
  return lines
}

/** The permanent log message (HTML, at most LOG_MAX_VISIBLE visible characters). */
export function renderTurnLog(view: TurnLogView): string {
  const header = `<b>${escapeHtml(truncateEnd(view.title.trim() || 'Claude', 64))}</b> · ${escapeHtml(view.summary)}`
  const lines = fitLines(view.tools.flatMap(toolLines), LOG_MAX_VISIBLE - view.summary.length - 70)
  if (lines.length === 0) return header
  const body = escapeHtml(lines.join('\n'))
  return lines.length > LOG_COLLAPSE_LINES
    ? `${header}\n<blockquote expandable>${body}</blockquote>`
    : `${header}\n${body}`
}

/** The live view's tool lines: the newest `max` headlines, older ones counted. */
export function liveLogLines(tools: readonly LoggedTool[], max = 4): string[] {
  const done = tools.filter((t) => t.state !== 'running')
  const shown = done.slice(-max).map(toolHeadline)
  const earlier = done.length - shown.length
  return earlier > 0 ? [`✓ ${earlier} earlier`, ...shown] : shown
}

/** Whether any call has an output worth a "Full output" button. */
export function hasOutputs(tools: readonly LoggedTool[]): boolean {
  return tools.some((t) => t.output !== undefined && t.output.trim() !== '')
}

/** Each output under its call's headline, as HTML; undefined when it wouldn't fit one message. */
export function renderOutputs(tools: readonly LoggedTool[]): string | undefined {
  const parts = tools
    .filter((t) => t.output !== undefined && t.output.trim() !== '')
    .map((t) => `${escapeHtml(toolHeadline(t))}\n<pre>${escapeHtml(t.output ?? '')}</pre>`)
  const html = parts.join('\n')
  const visible = tools.reduce((n, t) => n + (t.output?.length ?? 0) + t.line.length + 4, 0)
  return parts.length > 0 && visible <= LOG_MAX_VISIBLE ? html : undefined
}

/** The whole log with every output, as plain text for a file. */
export function turnLogText(view: TurnLogView): string {
  const out = [`${view.title} · ${view.summary}`, '']
  for (const tool of view.tools) {
    out.push(toolHeadline(tool))
    if (tool.diff) out.push(...tool.diff.split('\n').map((l) => `    ${l}`))
    if (tool.output !== undefined && tool.output.trim() !== '')
      out.push(...tool.output.split('\n').map((l) => `    ${l}`))
    out.push('')
  }
  return out.join('\n')
}

/** Whole lines within `budget` characters; a last line says how many more /log shows. */
function fitLines(lines: string[], budget: number): string[] {
  const kept: string[] = []
  let used = 0
  for (const [k, line] of lines.entries()) {
    if (used + line.length + 1 > budget - 40) {
      kept.push(`… ${lines.length - k} more lines: /log shows them all`)
      return kept
    }
    kept.push(line)
    used += line.length + 1
  }
  return kept
}
