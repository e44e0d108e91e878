import { escapeHtml } from '../render/html-escape.js'
import type { Command, CommandContext } from './command.js'

async function run(c: CommandContext): Promise<void> {
  const active = await c.deps.sessions.active(c.owner)
  const current = active
    ? `Active session: <b>${escapeHtml(active.name)}</b> (persona ${escapeHtml(active.persona)}).`
    : 'No session yet: your first message starts one called <b>main</b>.'
  const list = c.commands.map((cmd) => `${escapeHtml(cmd.usage)} — ${escapeHtml(cmd.description)}`)
  c.reply(
    [
      '<b>Switchboard</b> runs Claude Code sessions on this machine for you.',
      'Write a message and it goes to the active session; the answer streams in here. Sessions keep working while you switch between them, and Claude asks before it uses tools.',
      '',
      current,
      '',
      '<b>Commands</b>',
      ...list,
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
