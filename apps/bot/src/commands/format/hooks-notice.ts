import { escapeHtml } from '../../render/html-escape.js'
import { excerpt } from '../../render/truncate.js'
import { codePointLabel, showHidden } from '../../render/visible-chars.js'
import type { ProjectHooks } from '../../sessions/project-hooks.js'

/** At most this many hooks are listed; the rest are counted. */
const MAX_LISTED = 8
/** The most of one hook's command (or URL, prompt) shown. */
const MAX_RUN = 200

/** Hidden characters (zero-width, bidi overrides…) and line breaks shown as ⟨U+XXXX⟩: one line each. */
function visible(text: string): string {
  return showHidden(text).text.replace(/[\n\t]/g, codePointLabel)
}

const code = (text: string, max: number) =>
  `<code>${escapeHtml(excerpt(visible(text), max))}</code>`

/**
 * The warning `/new` adds when a bound project's settings carry hooks: they run on their own,
 * without a prompt, so the user sees each one (event, matcher, what it runs) before the first turn.
 * Empty when there is nothing to say.
 */
export function describeProjectHooks(found: ProjectHooks): string {
  const { hooks, unreadable } = found
  if (hooks.length === 0 && unreadable.length === 0) return ''
  const lines: string[] = []
  if (hooks.length > 0) {
    lines.push(
      `⚠️ This project’s settings have ${hooks.length === 1 ? 'a hook' : `${hooks.length} hooks`}: Claude Code runs ${hooks.length === 1 ? 'it' : 'them'} by itself on these events, without asking and outside the sandbox, with your user’s rights. Claude cannot change this project’s .claude/ folder, but a hook that runs other project files runs whatever is in them.`,
    )
    for (const hook of hooks.slice(0, MAX_LISTED)) {
      const matcher = hook.matcher === undefined ? '' : ` ${code(hook.matcher, 60)}`
      const kind =
        hook.type === 'command' ? '' : ` (${escapeHtml(excerpt(visible(hook.type), 20))})`
      lines.push(
        `• <b>${escapeHtml(excerpt(visible(hook.event), 40))}</b>${matcher}${kind}: ${code(hook.run, MAX_RUN)} — ${escapeHtml(hook.file)}`,
      )
    }
    if (hooks.length > MAX_LISTED) lines.push(`… and ${hooks.length - MAX_LISTED} more.`)
  }
  for (const { file, problem } of unreadable) {
    lines.push(
      `⚠️ ${escapeHtml(file)} could not be read (${escapeHtml(problem)}); it may hold hooks not listed here.`,
    )
  }
  return lines.join('\n')
}
