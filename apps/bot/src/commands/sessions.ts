import type { CallbackAction } from '../callbacks/callback-actions.js'
import { escapeHtml } from '../render/html-escape.js'
import { refOf } from '../sessions/session-ref.js'
import type { Command } from './command.js'
import { describeLiveState } from './format/live-state.js'
import { relativeTime } from './format/relative-time.js'
import { openTopicRows } from './open-topic.js'

/** Most recent sessions shown (and given a button); /switch <name> reaches the others. */
export const SESSIONS_SHOWN = 20
const BROKEN_SHOWN = 5
const BUTTON_TTL_MS = 60 * 60_000

export const sessionsCommand: Command = {
  name: 'sessions',
  description: 'Your sessions, with buttons to switch',
  usage: '/sessions',
  async run(c) {
    const [{ sessions, broken }, active] = await Promise.all([
      c.deps.sessions.list({ owner: c.owner }),
      c.deps.sessions.active(c.owner),
    ])
    if (sessions.length === 0 && broken.length === 0) {
      return c.reply('You have no sessions yet. Send a message to start one, or /new &lt;name&gt;.')
    }
    const shown = sessions.slice(0, SESSIONS_SHOWN)
    const lines = shown.map((meta) => {
      const marker = meta.id === active?.id ? '▶️ ' : '• '
      const live = describeLiveState(c.deps.pool.status(refOf(meta)))
      return `${marker}<b>${escapeHtml(meta.name)}</b> — ${meta.status}, ${escapeHtml(meta.persona)}, ${relativeTime(meta.lastActiveAt)}, ${live}`
    })
    if (sessions.length > shown.length) {
      lines.push(
        `…and ${sessions.length - shown.length} older ones: /switch &lt;name&gt; reaches any of them.`,
      )
    }
    for (const item of broken.slice(0, BROKEN_SHOWN)) {
      lines.push(`⚠️ <code>${escapeHtml(item.id)}</code> is broken: ${escapeHtml(item.reason)}`)
    }
    if (broken.length > BROKEN_SHOWN)
      lines.push(`⚠️ …and ${broken.length - BROKEN_SHOWN} more broken`)

    const header = `<b>Your sessions</b> (${sessions.length}${sessions.length > 1 ? ', newest first' : ''})`
    if (c.deps.topics.active && shown.length > 0) {
      // Each session has (or gets) its own topic: the buttons open them, there is no switching.
      const rows = openTopicRows(c, shown)
      return c.reply([header, ...lines, '', 'Tap a session to open its topic.'].join('\n'), {
        reply_markup: { inline_keyboard: rows },
      })
    }
    const switchable = shown.filter((meta) => meta.id !== active?.id)
    const actions: CallbackAction[] = switchable.map((meta) => ({
      type: 'switch',
      sessionId: meta.id,
    }))
    const data =
      actions.length > 0 ? c.deps.callbacks.create(c.userId, actions, BUTTON_TTL_MS).data : []
    const buttons = switchable.map((meta, index) => ({
      text: meta.name,
      callback_data: data[index] ?? '',
    }))
    const rows = []
    for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2))
    c.reply(
      [header, ...lines].join('\n'),
      rows.length > 0 ? { reply_markup: { inline_keyboard: rows } } : {},
    )
  },
}
