import { Input } from 'telegraf'
import { describeError } from '../errors/describe-error.js'
import { type OpenedFile, openSessionFile } from '../files/get-file.js'
import { UploadSlots } from '../files/upload-slots.js'
import { escapeHtml } from '../render/html-escape.js'
import { quoteHtml } from '../render/truncate.js'
import { placeParams } from '../telegram/chat-place.js'
import { activeOrExplain } from './active.js'
import type { Command, CommandContext } from './command.js'
import { sendHtmlLater } from './reply.js'

const uploads = new UploadSlots()

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
    // Refusals are thrown from here (the reply comes at once); the upload runs off the handler.
    const file = await openSessionFile(active.workingDirectory, input)
    const caption = `<code>${quoteHtml(input)}</code> from <b>${escapeHtml(active.name)}</b>`
    void uploads.run(() => send(c, file, caption)).finally(() => file.close())
  },
}

/**
 * Sends the opened file's bytes, read once from its descriptor: the outbox retries (429, 5xx)
 * re-send that Buffer, so a path swapped meanwhile can't change what goes out.
 */
async function send(c: CommandContext, file: OpenedFile, caption: string): Promise<void> {
  try {
    const content = await file.read()
    await c.deps.outbox.call('sendDocument', {
      ...placeParams(c.place),
      document: Input.fromBuffer(content, file.name),
      caption,
      parse_mode: 'HTML',
    })
  } catch (error) {
    c.deps.logger.warn({ err: error, size: file.size }, 'could not send a file')
    sendHtmlLater(
      c.deps,
      c.chatId,
      `Could not send ${quoteHtml(file.name)}. ${describeError(error)}`,
      placeParams(c.place),
    )
  }
}
