/**
 * The HTML body of a permission prompt: exactly what the tool wants to do (the full command, the
 * file and a short diff, the first lines of a new file), always escaped, and never longer than
 * `maxVisible` so buttons and a header still fit in one Telegram message.
 */

import { editDiff } from './edit-diff.js'
import { escapeHtml } from './html-escape.js'
import * as In from './tool-input.js'
import { compactJson, describeToolUse, displayPath, displayToolName } from './tool-summary.js'
import { truncateEnd } from './truncate.js'

export interface PermissionPromptOptions {
  /** Working directory: paths under it are shown relative to it. */
  cwd?: string
  /** Visible-length budget (UTF-16 units after entity parsing); default 3500. */
  maxVisible?: number
}

const WRITE_PREVIEW_LINES = 30

/** Renders a permission request for tool `name` with its raw `input` as Telegram HTML. */
export function describePermissionRequest(
  name: string,
  input: unknown,
  options: PermissionPromptOptions = {},
): string {
  const max = options.maxVisible ?? 3500
  const header = `🔐 <b>${escapeHtml(truncateEnd(displayToolName(name), 100))}</b> asks for permission`
  // Everything outside code blocks is short and bounded; code blocks get what is left.
  const room = Math.max(100, max - 400)
  const body = renderBody(name, input, room, options.cwd)
  return `${header}\n${body}`
}

function renderBody(name: string, input: unknown, room: number, cwd?: string): string {
  const path = (p: string) => `<code>${escapeHtml(truncateEnd(displayPath(p, cwd), 200))}</code>`
  const pre = (text: string, lang: string) =>
    `<pre><code class="language-${lang}">${escapeHtml(truncateEnd(text, room))}</code></pre>`
  if (name === 'Bash') {
    const i = In.readInput(In.CommandInput, input)
    if (i) {
      const why = i.description ? `<i>${escapeHtml(truncateEnd(i.description, 200))}</i>\n` : ''
      return `${why}${pre(i.command, 'bash')}`
    }
  }
  if (name === 'Edit') {
    const i = In.readInput(In.EditInput, input)
    if (i) {
      const all = i.replace_all ? ' (every occurrence)' : ''
      return `Edit ${path(i.file_path)}${all}\n${pre(editDiff(i.old_string, i.new_string, room), 'diff')}`
    }
  }
  if (name === 'MultiEdit') {
    const i = In.readInput(In.MultiEditInput, input)
    if (i) {
      const share = Math.max(60, Math.floor(room / Math.max(1, i.edits.length)))
      const diffs = i.edits.map((e) => editDiff(e.old_string, e.new_string, share)).join('\n@@\n')
      const count = `${i.edits.length} edit${i.edits.length === 1 ? '' : 's'}`
      return `Edit ${path(i.file_path)} (${count})\n${pre(diffs, 'diff')}`
    }
  }
  if (name === 'Write') {
    const i = In.readInput(In.WriteInput, input)
    if (i) {
      const lines = i.content.split('\n')
      const shown = lines.slice(0, WRITE_PREVIEW_LINES).join('\n')
      const more =
        lines.length > WRITE_PREVIEW_LINES
          ? `\n… ${lines.length - WRITE_PREVIEW_LINES} more lines`
          : ''
      const size = `${lines.length} line${lines.length === 1 ? '' : 's'}, ${i.content.length} chars`
      return `Write ${path(i.file_path)} (${size})\n${pre(shown + more, 'text')}`
    }
  }
  const summary = describeToolUse(name, input, { cwd, maxLength: 200 })
  const json = compactJson(input, 2)
  return `${escapeHtml(summary)}\n${pre(json, 'json')}`
}
