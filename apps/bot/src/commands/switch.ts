import type { CallbackHandler } from '../callbacks/callback-router.js'
import type { BotDeps } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import { sessionOfPlace } from '../sessions/active-session.js'
import { refOf } from '../sessions/session-ref.js'
import type { Command, CommandContext } from './command.js'
import { describeLiveState } from './format/live-state.js'
import { pressedSession, settlePress } from './pressed-session.js'
import { answerCallback } from './reply.js'

export function switchedText(
  deps: Pick<BotDeps, 'pool'>,
  meta: { name: string; owner: string; id: string },
) {
  const status = deps.pool.status(refOf(meta))
  const state = status.running || status.queueLength > 0 ? ` (${describeLiveState(status)})` : ''
  return `Now in session <b>${escapeHtml(meta.name)}</b>${state}. Your messages go here.`
}

export const switchCommand: Command = {
  name: 'switch',
  description: 'Make another session the active one',
  usage: '/switch <name>',
  example: '/switch homelab',
  async run(c) {
    const inTopic = await topicExplanation(c)
    if (inTopic) return c.reply(inTopic)
    const [name] = c.args
    if (!name || c.args.length > 1) return c.usage('Name one session; /sessions lists them.')
    const meta = await c.deps.sessions.switch(c.owner, name)
    c.reply(switchedText(c.deps, meta))
  },
}

/** A "switch" button (from /sessions or a background answer): switch, then drop the list's buttons. */
export function switchCallback(deps: BotDeps): CallbackHandler<'switch'> {
  return async (ctx, action) => {
    const pressed = await pressedSession(deps, ctx, action.sessionId)
    if (!pressed) return
    const { query, owner, meta } = pressed
    await deps.sessions.switch(owner, meta.name)
    answerCallback(deps, query.id, `Switched to ${meta.name}`)
    settlePress(deps, ctx, pressed, switchedText(deps, meta))
  }
}

/**
 * /switch inside a topic while topics are in use: nothing to switch, the topic is its session.
 * Undefined outside topics (or in the flat-chat fallback), where /switch works as before.
 */
async function topicExplanation(c: CommandContext): Promise<string | undefined> {
  if (c.threadId === undefined || !c.deps.topics.active) return undefined
  const found = await sessionOfPlace(c.deps, c.owner, c.place)
  const here =
    found.kind === 'topic'
      ? `This topic is session <b>${escapeHtml(found.meta.name)}</b>: what you write here goes to it.`
      : 'This topic has no session.'
  return `${here} With topics there is no need for /switch: each session has its own topic, so open the topic of the session you want (/sessions has buttons for them).`
}
