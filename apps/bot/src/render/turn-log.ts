/**
 * The log of one turn: a line per tool call, in the order they started, with its outcome once it
 * finished (tool-result.ts). Calls a remembered "Always" rule allowed are marked, with the diff of
 * an edit: nobody was asked, so this is where the user sees what changed.
 */

import { z } from 'zod'
import { editDiff } from './edit-diff.js'
import * as In from './tool-input.js'
import { type ToolResultInfo, toolOutcome } from './tool-result.js'
import { PatchReport, readReport } from './tool-result-shapes.js'
import { describeToolUse } from './tool-summary.js'

/** Diff shown for a rule-allowed edit: a few lines, the rest is in /log. */
const RULE_DIFF_CHARS = 600

/** One call as logged (and kept on disk for /log: turn-log-store.ts). */
export const LoggedToolSchema = z.object({
  name: z.string(),
  /** The outcome line, or the running description while unfinished. */
  line: z.string(),
  state: z.enum(['running', 'done', 'failed']),
  tail: z.array(z.string()).default([]),
  output: z.string().optional(),
  /** Allowed by a remembered rule (nobody was asked). */
  byRule: z.boolean().optional(),
  /** Plain "-/+" diff of a rule-allowed edit. */
  diff: z.string().optional(),
})
export type LoggedTool = z.infer<typeof LoggedToolSchema>

interface Entry {
  tool: LoggedTool
  input: unknown
  /** The CLI's structured report, once finished (an edit's patch has whole lines). */
  report?: unknown
  denied?: boolean
}

export class TurnLog {
  private readonly entries = new Map<string, Entry>()
  /** Rule decisions that came before their call's tool_use. */
  private readonly ruled = new Map<string, unknown>()

  constructor(private readonly cwd?: string) {}

  /** Main-conversation tools only: a sub-agent's calls are its own business (its Task line says it). */
  started(id: string, name: string, input: unknown): void {
    if (this.entries.has(id)) return
    const line = describeToolUse(name, input, { cwd: this.cwd })
    this.entries.set(id, { input, tool: { name, line, state: 'running', tail: [] } })
    if (this.ruled.has(id)) this.allowedByRule(id, this.ruled.get(id))
    this.ruled.delete(id)
  }

  /** The call ended: its outcome line (undefined for a call this log never saw start). */
  finished(id: string, result: ToolResultInfo): LoggedTool | undefined {
    const entry = this.entries.get(id)
    if (!entry) return undefined
    const outcome = toolOutcome(
      entry.tool.name,
      entry.input,
      { ...result, denied: entry.denied === true },
      this.cwd,
    )
    entry.report = result.toolUseResult
    if (entry.tool.byRule) this.markRuled(entry, entry.input)
    Object.assign(entry.tool, {
      line: outcome.line,
      state: outcome.failed ? 'failed' : 'done',
      tail: outcome.tail,
      ...(outcome.output === undefined ? {} : { output: outcome.output }),
    })
    return entry.tool
  }

  /** The permission for call `id` was refused. */
  denied(id: string | undefined): void {
    const entry = id === undefined ? undefined : this.entries.get(id)
    if (entry) entry.denied = true
  }

  /** A remembered rule allowed call `id` (with the input the CLI asked about). */
  allowedByRule(id: string | undefined, input: unknown): void {
    if (id === undefined) return
    const entry = this.entries.get(id)
    if (!entry) {
      this.ruled.set(id, input)
      return
    }
    this.markRuled(entry, input)
  }

  private markRuled(entry: Entry, input: unknown): void {
    entry.tool.byRule = true
    const diff = patchDiff(entry.report) ?? ruleDiff(entry.tool.name, input)
    if (diff) entry.tool.diff = diff
  }

  get size(): number {
    return this.entries.size
  }

  /** Every call so far, oldest first (copies: later changes don't leak into what was saved). */
  tools(): LoggedTool[] {
    return [...this.entries.values()].map((e) => ({ ...e.tool, tail: [...e.tool.tail] }))
  }
}

/** The CLI's patch of an edit, as "- old" / "+ new" / "  context" lines within the budget. */
function patchDiff(report: unknown): string | undefined {
  const patch = readReport(PatchReport, report)
  const lines = patch?.structuredPatch.flatMap((hunk) => hunk.lines)
  if (!lines || lines.length === 0) return undefined
  const shown = lines.map((l) => `${l.slice(0, 1) === ' ' ? ' ' : l.slice(0, 1)} ${l.slice(1)}`)
  const text = shown.join('\n')
  return text.length <= RULE_DIFF_CHARS ? text : `${text.slice(0, RULE_DIFF_CHARS - 1)}…`
}

function ruleDiff(name: string, input: unknown): string | undefined {
  if (name === 'Edit') {
    const i = In.readInput(In.EditInput, input)
    return i && editDiff(i.old_string, i.new_string, RULE_DIFF_CHARS).text
  }
  if (name === 'MultiEdit') {
    const i = In.readInput(In.MultiEditInput, input)
    const per = Math.floor(RULE_DIFF_CHARS / Math.max(1, i?.edits.length ?? 1))
    return i?.edits.map((e) => editDiff(e.old_string, e.new_string, per).text).join('\n  ⋯\n')
  }
  if (name === 'Write') {
    const i = In.readInput(In.WriteInput, input)
    return i && editDiff('', i.content, RULE_DIFF_CHARS).text
  }
  return undefined
}
