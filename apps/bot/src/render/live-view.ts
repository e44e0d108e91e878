/**
 * The HTML of the live progress message: a header (session, status, current tool, tool counts) and
 * the tail of the answer so far, rendered as the final answer will be (partial-markdown.ts handles
 * unclosed fences, emphasis and tables), so a phone shows formatted text, not raw Markdown.
 */

import { escapeHtml } from './html-escape.js'
import { renderPartialMarkdown } from './partial-markdown.js'
import { truncateEnd } from './truncate.js'

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
  const room = Math.max(0, maxVisible - headerVisible - 2)
  const body = state.text.trim() === '' || room < 16 ? '' : renderPartialMarkdown(state.text, room)
  if (body === '') return header.join('\n')
  return `${header.join('\n')}\n\n${body}`
}
