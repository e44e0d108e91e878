/**
 * Voice notes and audio files from allowed users (registered before uploads and text). Without a
 * transcription API configured: one reply saying how to set one up, and nothing reaches Claude.
 * Otherwise the message is accepted like an upload (its file reference in the inbox on disk before
 * the handler returns); the download and transcription happen when its turn is prepared. An album
 * of audio files is one turn, like an album of documents (the transcripts in order, each named).
 */

import type { Context } from 'telegraf'
import { acceptFile } from '../conversation/accept-file.js'
import { MediaGroups } from '../conversation/media-groups.js'
import type { MessageHandlerDeps } from '../conversation/message-handler.js'
import type { Accepted } from '../conversation/submitter.js'
import { sendOrLog } from '../conversation/telegram-calls.js'
import { threadOf } from '../telegram/chat-place.js'
import { NOT_CONFIGURED_REPLY } from './not-configured.js'
import { incomingAudio } from './voice-file.js'

export interface VoiceHandlerDeps extends MessageHandlerDeps {
  /** False when SWITCHBOARD_TRANSCRIBE_URL is not set. */
  transcriberConfigured: boolean
}

export function createVoiceHandler(deps: VoiceHandlerDeps) {
  const albums = new MediaGroups<Accepted>()
  return async (ctx: Context, next: () => Promise<void>): Promise<void> => {
    const message = ctx.message
    const from = ctx.from
    const chat = ctx.chat
    const file = message && incomingAudio(message)
    if (!message || !from || !chat || !file) return next()
    const threadId = threadOf(ctx)
    const source = { userId: from.id, chatId: chat.id, threadId, messageId: message.message_id }
    if (!deps.transcriberConfigured) {
      await deps.order.run(chat.id, async () => {
        deps.logger.info({ userId: from.id }, 'voice: no transcriber configured, told the user')
        await sendOrLog(
          deps,
          chat.id,
          NOT_CONFIGURED_REPLY,
          { replyTo: message.message_id, ...(threadId === undefined ? {} : { threadId }) },
          'voice: could not tell the user to configure a transcriber',
        )
      })
      return
    }
    const groupId = 'media_group_id' in message ? message.media_group_id : undefined
    await acceptFile(deps, albums, source, file, { groupId })
  }
}
