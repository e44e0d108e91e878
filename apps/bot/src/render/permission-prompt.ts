/**
 * The HTML of a permission prompt: everything the tool wants to do (the whole command, the file with
 * its full absolute path, the diff, the new content), escaped, hidden characters shown as
 * `⟨U+202E⟩`, the model's own description labelled as such below the command, and the rule an
 * "Always" press would save. When the message can't show the input whole and exact (too long, or
 * hidden characters were made visible), it says how much is shown and `file` holds the exact input
 * for the caller to send first. Never longer than `maxVisible`, so buttons and a header still fit.
 */

import { editDiff } from './edit-diff.js'
import { fitBlock, formatCount } from './fit-block.js'
import { absolutePath } from './full-path.js'
import { escapeHtml } from './html-escape.js'
import { htmlToPlain } from './plain-text.js'
import { type PromptFile, promptInputFile } from './prompt-input-file.js'
import { layoutFor, type PromptBlock } from './prompt-layout.js'
import { PromptMemo, PromptPiece } from './prompt-piece.js'
import { displayToolName } from './tool-summary.js'

export interface PermissionPromptRequest {
  toolName: string
  input: unknown
  /** The model's description of the call, as the CLI passes it on. */
  description?: string | undefined
  /** The path the CLI says the tool would touch (`blocked_path`). */
  blockedPath?: string | undefined
  /** The rule "Always allow in this session" saves; undefined: no "Always" is offered. */
  alwaysRule?: string | undefined
}

export interface PermissionPromptOptions {
  /** The session's working directory: paths outside it are marked. */
  cwd?: string
  /** Visible-length budget (UTF-16 units after entity parsing); default 3500. */
  maxVisible?: number
}

export interface RenderedPrompt {
  html: string
  /** The exact input, to send before the prompt; set whenever the message doesn't show all of it. */
  file: PromptFile | undefined
  /** The line confirming the saved rule after an "Always" press; undefined without a rule. */
  alwaysLine: string | undefined
}

const RULE_CAP = 400
// Room for the notes under the block (what is shown, hidden characters, the attachment).
const NOTES_RESERVE = 300

export function renderPermissionPrompt(
  request: PermissionPromptRequest,
  options: PermissionPromptOptions = {},
): RenderedPrompt {
  const max = options.maxVisible ?? 3500
  const memo = new PromptMemo()
  // The caps of the short parts shrink until the whole fits (a 5,000-character path, say).
  for (let scale = 1; ; scale *= 0.6) {
    const { partial, ...rendered } = tryRender(
      request,
      options.cwd,
      max,
      new PromptPiece(scale, options.cwd, memo),
    )
    if (htmlToPlain(rendered.html).length <= max || scale < 0.02)
      return { ...rendered, file: partial ? promptInputFile(request, options.cwd) : undefined }
  }
}

function tryRender(
  request: PermissionPromptRequest,
  cwd: string | undefined,
  max: number,
  piece: PromptPiece,
): Omit<RenderedPrompt, 'file'> & { partial: boolean } {
  const header = `🔐 <b>${piece.text(displayToolName(request.toolName), 100)}</b> asks for permission`
  const layout = layoutFor(request.toolName, request.input, piece, request.description)
  const touched = touchedPath(request, cwd)
  const after = [
    ...(touched ? [`Path it would touch: ${piece.path(touched)}`] : []),
    ...layout.after,
  ]
  const rule =
    request.alwaysRule === undefined ? undefined : piece.code(request.alwaysRule, RULE_CAP)
  const ruleCut = rule !== undefined && piece.lastCut
  const ruleLine = rule ? [`♾️ <i>Always</i> allows ${rule} in this session.`] : []
  const fixed = [header, ...layout.before, ...after, ...ruleLine].join('\n')
  const room = Math.max(60, max - htmlToPlain(fixed).length - NOTES_RESERVE)
  const block = layout.block && renderBlock(layout.block, room, piece)
  const shown = block?.shown
  const notes = [
    ...(piece.hidden > 0
      ? [
          `⚠️ <b>${formatCount(piece.hidden, 'invisible or direction-changing character')}</b> shown as ⟨U+…⟩; the attached file has the exact text.`,
        ]
      : []),
    ...(piece.cut && !shown
      ? ['✂️ <b>Not everything fits here</b>: the full input is in the attached file.']
      : []),
  ]
  const html = [
    header,
    ...layout.before,
    ...(block ? [block.html] : []),
    ...(shown ? [`✂️ <b>Showing ${shown}</b>: the full input is in the attached file.`] : []),
    ...after,
    ...notes,
    ...ruleLine,
  ].join('\n')
  const partial = piece.cut || shown !== undefined || piece.hidden > 0
  const whole = ruleCut ? ' (the whole rule is in the attached file)' : ''
  return {
    html,
    partial,
    alwaysLine: rule && `✅ <b>Always allowed in this session:</b> ${rule}${whole}`,
  }
}

/** The block within `room`, and how much of it is shown when not all. */
function renderBlock(block: PromptBlock, room: number, piece: PromptPiece) {
  if (block.kind === 'text') {
    const fit = fitBlock(piece.visible(block.text), room)
    return { html: pre(fit.text, block.lang), shown: fit.shown }
  }
  const edits = block.edits.map((e) => ({
    old: piece.visible(e.old_string),
    new: piece.visible(e.new_string),
  }))
  const parts: string[] = []
  let left = room
  let shownLines = 0
  let totalLines = 0
  let complete = true
  for (const [k, edit] of edits.entries()) {
    const budget = Math.floor(left / (edits.length - k)) - 4
    if (budget < 60 && parts.length > 0) break
    const diff = editDiff(edit.old, edit.new, Math.max(60, budget))
    parts.push(diff.text)
    left -= diff.text.length + 4
    shownLines += diff.shown
    totalLines += diff.total
    complete &&= diff.complete
  }
  const html = pre(parts.join('\n@@\n'), 'diff')
  if (parts.length < edits.length)
    return { html, shown: `the first ${parts.length} of ${formatCount(edits.length, 'edit')}` }
  if (complete) return { html, shown: undefined }
  const context = shownLines === totalLines
  return {
    html,
    shown: context
      ? 'every changed line, not the unchanged lines around them'
      : `${shownLines} of ${formatCount(totalLines, 'changed line')}`,
  }
}

function pre(text: string, lang: string): string {
  return `<pre><code class="language-${lang}">${escapeHtml(text)}</code></pre>`
}

/** `blocked_path`, unless it is the very file the layout already shows. */
function touchedPath(
  request: PermissionPromptRequest,
  cwd: string | undefined,
): string | undefined {
  const blocked = request.blockedPath
  if (blocked === undefined) return undefined
  const input = (request.input ?? {}) as Record<string, unknown>
  const shown = [input.file_path, input.notebook_path, input.path].filter(
    (p): p is string => typeof p === 'string',
  )
  // Compared as written, resolved against the cwd (no disk access: the piece shows where it leads).
  const same = (p: string) => absolutePath(p, cwd) === absolutePath(blocked, cwd)
  return shown.some(same) ? undefined : blocked
}
