import { basename } from 'node:path'
import { Input } from 'telegraf'
import { describeError } from '../errors/describe-error.js'
import { resolveSessionFile } from '../files/get-file.js'
import { escapeHtml } from '../render/html-escape.js'
import { activeOrExplain } from './active.js'
import type { Command } from './command.js'
import { sendHtmlLater } from './reply.js'

export const getCommand: Command = {
  name: 'get',
  description: 'Send a file from the active session’s directory',
  usage: '/get <path>',
  example: '/get src/app.ts',
  async run(c) {
    const input = c.argText
    if (!input) return c.usage('Give a path relative to the session’s directory.')
    const active = await activeOrExplain(c)
    if (!active) return
    const file = await resolveSessionFile(active.workingDirectory, input)
    const name = basename(file.path)
    // Not awaited: an upload can take a while and the handler must return; failures are reported.
    c.deps.outbox
      .call('sendDocument', {
        chat_id: c.chatId,
        document: Input.fromLocalFile(file.path, name),
        caption: `<code>${escapeHtml(input.slice(0, 300))}</code> from <b>${escapeHtml(active.name)}</b>`,
        parse_mode: 'HTML',
      })
      .catch((error: unknown) => {
        c.deps.logger.warn({ err: error, size: file.size }, 'could not send a file')
        sendHtmlLater(
          c.deps,
          c.chatId,
          `Could not send ${escapeHtml(name)}. ${describeError(error)}`,
        )
      })
  },
}
