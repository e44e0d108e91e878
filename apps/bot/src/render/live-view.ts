/**
 * The HTML of the live progress message: a header (session, status, current tool, tool counts) and
 * the tail of the answer so far. The answer is shown as escaped plain text, not rendered Markdown:
 * a half-streamed answer has unclosed fences, emphasis and tables that would render differently on
 * every update (and re-render the whole text each time); plain text is always valid, cheap, and the
 * final answer is sent fully formatted anyway.
 */

import { escapeHtml } from './html-escape.js'
import { truncateEnd, truncateStart } from './truncate.js'

export interface LiveState {
  title: string
  status: string | undefined
  /** Descriptions of tools still running, oldest first. */
  runningTools: string[]
  toolsDone: number
  toolsFailed: number
  text: string
  /** The turn log's newest lines ("✓ Read src/a.ts"): shown in place of the tool counts. */
  logLines?: string[]
}

/** Renders `state` as valid Telegram HTML of at most `maxVisible` visible characters. */
export function renderLiveView(state: LiveState, maxVisible: number): string {
  const title = truncateEnd(state.title.trim() || 'Claude', 64)
  const status = state.status ? ` · <i>${escapeHtml(truncateEnd(state.status, 80))}</i>` : ''
  const header = [`<b>${escapeHtml(title)}</b>${status}`]
  let headerVisible = title.length + (state.status ? 3 + Math.min(state.status.length, 80) : 0)
  // Finished tools first, oldest to newest, then the one running now.
  for (const logLine of state.logLines ?? []) {
    const line = truncateEnd(logLine, 150)
    header.push(escapeHtml(line))
    headerVisible += 1 + line.length
  }
  const current = state.runningTools.at(-1)
  if (current !== undefined) {
    const others = state.runningTools.length - 1
    const line = `⚙️ ${truncateEnd(current, 150)}${others > 0 ? ` (+${others} more)` : ''}`
    header.push(escapeHtml(line))
    headerVisible += 1 + line.length
  }
  if (state.toolsDone > 0 && !state.logLines?.length) {
    const failed = state.toolsFailed > 0 ? `, ${state.toolsFailed} failed` : ''
    const line = `✓ ${state.toolsDone} tool${state.toolsDone === 1 ? '' : 's'} done${failed}`
    header.push(line)
    headerVisible += 1 + line.length
  }
  const text = state.text.trim()
  if (text === '') return header.join('\n')
  const room = Math.max(0, maxVisible - headerVisible - 2)
  return `${header.join('\n')}\n\n${escapeHtml(truncateStart(text, room))}`
}
