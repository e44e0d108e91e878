import { escapeHtml } from '../render/html-escape.js'
import { sessionOfPlace } from '../sessions/active-session.js'
import { cliHelpLines } from './cli-commands.js'
import type { Command, CommandContext } from './command.js'

/** What /help says about topics while they are in use. */
export const TOPICS_HELP =
  'Each session has its own topic: write in a session’s topic to talk to it, several can answer at once. Commands sent in a topic act on its session; /sessions opens a session’s topic.'

async function run(c: CommandContext): Promise<void> {
  const found = await sessionOfPlace(c.deps, c.owner, c.place)
  const current =
    found.kind === 'topic'
      ? `This topic is session <b>${escapeHtml(found.meta.name)}</b> (persona ${escapeHtml(found.meta.persona)}).`
      : found.kind === 'unbound'
        ? 'This topic has no session.'
        : found.meta
          ? `Active session: <b>${escapeHtml(found.meta.name)}</b> (persona ${escapeHtml(found.meta.persona)}).`
          : 'No session yet: your first message starts one called <b>main</b>.'
  const topics = c.deps.topics.active ? [TOPICS_HELP] : []
  const list = c.commands.map((cmd) => `${escapeHtml(cmd.usage)} — ${escapeHtml(cmd.description)}`)
  const cli = await cliHelpLines(
    c.deps,
    found.kind === 'unbound' ? null : found.meta,
    c.commands.map((x) => x.name),
  )
  c.reply(
    [
      '<b>Switchboard</b> runs Claude Code sessions on this machine for you.',
      'Write a message and it goes to the active session; the answer streams in here. Sessions keep working while you switch between them, and Claude asks before it uses tools.',
      ...topics,
      '',
      current,
      '',
      '<b>Commands</b>',
      ...list,
      ...cli,
    ].join('\n'),
  )
}

export const startCommand: Command = {
  name: 'start',
  description: 'What this bot does and how to use it',
  usage: '/start',
  run,
}

export const helpCommand: Command = {
  name: 'help',
  description: 'The commands and the active session',
  usage: '/help',
  run,
}
