/**
 * An upload without a caption: set aside in the session's pending files (on disk before the update
 * is confirmed), saved at once, and the user asked what to do with it — an album once it is whole
 * and saved. A file Telegram won't let the bot download (over 20 MB) is dropped from the waiting
 * files and the user told why, instead of failing the turn of their next message.
 */

import type { Logger } from '../logging/logger.js'
import { placeOf } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import type { UploadFile } from './inbox-entry.js'
import type { PendingFiles, PendingKey } from './pending-files.js'
import type { Accepted, AcceptRequest, SessionTarget } from './submitter.js'
import { sendOrLog } from './telegram-calls.js'
import type { EarlySaveResult } from './upload-files.js'

export interface ParkDeps {
  pending: PendingFiles
  outbox: Outbox
  logger: Logger
  /** Saves files before their turn (createEarlySave); absent: they are saved when the turn runs. */
  saveEarly?: (files: UploadFile[], session: SessionTarget) => Promise<EarlySaveResult[]>
}

export async function parkUpload(
  deps: ParkDeps,
  key: PendingKey,
  request: AcceptRequest,
): Promise<Accepted> {
  const { pending } = deps
  const files = [...(request.files ?? [])]
  await pending.add(key, files)
  const dropped = new Set<UploadFile>()
  const saving: Promise<void>[] = []
  const save = (batch: UploadFile[]) => saving.push(saveNow(deps, key, request, batch, dropped))
  save([...files]) // a copy: later items are saved on their own
  const place = placeOf(request.chatId, request.threadId)
  void (request.complete ?? Promise.resolve())
    .then(() => Promise.all(saving))
    .then(async () => {
      const kept = files.filter((f) => !dropped.has(f))
      if (kept.length > 0) await pending.ask(place, request.replyTo, kept)
    })
  return {
    addFile: async (file) => {
      files.push(file)
      await pending.add(key, [file])
      save([file])
    },
  }
}

async function saveNow(
  deps: ParkDeps,
  key: PendingKey,
  request: AcceptRequest,
  batch: UploadFile[],
  dropped: Set<UploadFile>,
): Promise<void> {
  if (!deps.saveEarly) return
  try {
    const results = await deps.saveEarly(batch, request.session)
    const saved = results.filter((r) => r.error === undefined).map((r) => r.file)
    if (saved.length > 0) await deps.pending.markSaved(key, saved)
    for (const [i, result] of results.entries()) {
      if (result.error === undefined) continue
      const userMessage = (result.error as { userMessage?: unknown }).userMessage
      deps.logger.warn(
        { err: result.error, sessionId: key.sessionId },
        'could not save an upload early',
      )
      // Retried when the turn runs, unless it can never work (too large to download).
      if ((result.error as { code?: unknown }).code !== 'UPLOAD_TOO_LARGE') continue
      const file = batch[i] as UploadFile
      dropped.add(file)
      await deps.pending.remove(key, [file])
      await sendOrLog(
        deps,
        request.chatId,
        `${file.fileName} was not saved: ${String(userMessage)}`,
        { threadId: request.threadId, replyTo: file.messageId },
        'could not tell why an upload was not saved',
      )
    }
  } catch (error) {
    deps.logger.warn({ err: error, sessionId: key.sessionId }, 'could not save uploads early')
  }
}
