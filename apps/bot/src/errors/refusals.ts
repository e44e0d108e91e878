import { escapeHtml } from '../render/html-escape.js'
import { excerpt, quoteHtml } from '../render/truncate.js'

// Replies for what the bot refuses on purpose (core's PERSONA_BYPASS_REFUSED, DIRECTORY_PROTECTED):
// say what was refused, why, and who can change it how.

const SET_ROOTS =
  'To choose which directories sessions may use, the bot’s owner sets SWITCHBOARD_PROJECT_ROOTS (comma-separated absolute paths, e.g. <code>/home/me/projects</code>) and restarts the bot.'

/** A persona file (library, or a session's persona.json) asks for bypassPermissions. */
export function describeBypassRefusal(path: unknown, format: 'html' | 'plain' = 'html'): string {
  const file = excerpt(String(path ?? ''), 300)
  const html = format === 'html'
  const fix = file.endsWith('/persona.json')
    ? 'Send /mode default to make this session ask again'
    : 'Remove the setting from that file'
  return `${html ? `<code>${escapeHtml(file)}</code>` : file} sets permissionMode ${html ? '<b>bypassPermissions</b>' : 'bypassPermissions'}, which lets Claude run every tool without asking, so the bot refuses it. ${fix}. If it is intended, the bot’s owner can allow it with SWITCHBOARD_ALLOW_BYPASS=1.`
}

/** `/mode bypassPermissions` without the operator's opt-in. */
export const BYPASS_MODE_REFUSED =
  '<b>bypassPermissions</b> lets Claude run every tool without asking, so the bot refuses it. If it is intended, the bot’s owner can allow it with SWITCHBOARD_ALLOW_BYPASS=1 (and restart the bot).'

/**
 * Binding to `/`, home, the data dir or the checkout (or around / into them) was refused; `e` is
 * core's ProtectedDirectoryError (path, protectedDir, kind, relation, rootsConfigured).
 */
export function describeProtectedDirectory(e: Record<string, unknown>): string {
  const dir = String(e.protectedDir ?? '')
  const what =
    e.kind === 'data'
      ? 'the bot’s data directory'
      : e.kind === 'private'
        ? 'the bot’s own checkout'
        : dir === '/'
          ? 'the root of the filesystem'
          : 'the home directory'
  const how = e.relation === 'is' ? 'is' : e.relation === 'contains' ? 'contains' : 'is inside'
  const where = e.relation === 'is' ? '' : ` (<code>${quoteHtml(dir)}</code>)`
  const why =
    e.kind === 'broad' ? 'too broad for a session' : 'where Claude could change the bot itself'
  const hint = e.rootsConfigured === true ? 'Pick a project directory of its own.' : SET_ROOTS
  return `Can’t bind a session to <code>${quoteHtml(String(e.path ?? ''))}</code>: it ${how} ${what}${where}, ${why}. ${hint}`
}
