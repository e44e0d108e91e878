import { isAbsolute } from 'node:path'
import { escapeHtml } from '../render/html-escape.js'
import { quoteHtml } from '../render/truncate.js'
import { readProjectHooks } from '../sessions/project-hooks.js'
import { placeOf, placeParams } from '../telegram/chat-place.js'
import type { Command, CommandContext } from './command.js'
import { describeProjectHooks } from './format/hooks-notice.js'
import { sendHtmlLater } from './reply.js'
import { latestConversationOffer } from './resume-offer.js'

/** `/new <name> [persona] [directory]`: the directory is recognised by its leading "/". */
function parseArgs(
  c: CommandContext,
): { name: string; persona?: string; directory?: string } | null {
  const [name, second] = c.args
  if (!name) return null
  const rest = c.argText.slice(c.argText.indexOf(name) + name.length).trim()
  if (second === undefined) return { name }
  // Anything path-like is a directory (persona names never contain "/"); relative ones are refused.
  if (isAbsolute(second) || /[/~]/.test(second) || second.startsWith('.')) {
    return { name, directory: rest }
  }
  const directory = rest.slice(rest.indexOf(second) + second.length).trim()
  return directory ? { name, persona: second, directory } : { name, persona: second }
}

export const newCommand: Command = {
  name: 'new',
  description: 'Create a session and switch to it',
  usage: '/new <name> [persona] [directory]',
  example: '/new homelab research /home/me/homelab',
  async run(c) {
    const parsed = parseArgs(c)
    if (!parsed) return c.usage('Give the new session a name.')
    if (parsed.directory !== undefined && !isAbsolute(parsed.directory)) {
      return c.usage('The directory must be an absolute path, starting with "/".')
    }
    const created = await c.deps.sessions.create({
      owner: c.owner,
      name: parsed.name,
      ...(parsed.persona ? { persona: parsed.persona } : {}),
      ...(parsed.directory ? { projectDir: parsed.directory } : {}),
    })
    const switched = await c.deps.sessions.switch(c.owner, created.name)
    const where = created.boundToProject
      ? ` in <code>${quoteHtml(created.workingDirectory, 1_000)}</code>`
      : ''
    const hooks = created.boundToProject
      ? describeProjectHooks(await readProjectHooks(created.workingDirectory))
      : ''
    const what = `session <b>${escapeHtml(created.name)}</b> (persona ${escapeHtml(created.persona)})${where}`
    const offer = await latestConversationOffer(c.deps, c.userId, created)
    const warning = (hooks ? `\n\n${hooks}` : '') + (offer ? `\n\n${offer.html}` : '')
    const markup = offer ? { reply_markup: offer.replyMarkup } : {}
    const threadId = c.deps.topics.active
      ? await c.deps.topics.ensureTopic(switched, c.chatId)
      : undefined
    // No topic (topics off, or Telegram refused one): the flat chat, as before topics.
    if (threadId === undefined) {
      return c.reply(
        `Created ${what} and switched to it. Send a message to start.${warning}`,
        markup,
      )
    }
    sendHtmlLater(c.deps, c.chatId, `Created ${what}. Write here to talk to it.${warning}`, {
      ...placeParams(placeOf(c.chatId, threadId)),
      ...markup,
    })
    if (c.threadId !== threadId)
      c.reply(`Session <b>${escapeHtml(created.name)}</b> is ready in its own topic.`)
  },
}
