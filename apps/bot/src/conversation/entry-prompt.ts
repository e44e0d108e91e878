/**
 * What an inbox entry sends to Claude: its text, or an upload's prompt (built once, when its turn is
 * prepared: the files saved, the text kept in the entry) with its images read from their saved files
 * at each send; and a message's content with the files that waited for it (pending-files.ts).
 */

import type { Prompt } from '@switchboard/process'
import type { Logger } from '../logging/logger.js'
import type { Outbox } from '../telegram/outbox.js'
import type { Inbox } from './inbox.js'
import type { InboxEntry, UploadFile } from './inbox-entry.js'
import type { AcceptRequest, SessionTarget } from './submitter.js'
import { sendOrLog } from './telegram-calls.js'
import type { PreparedUpload } from './upload-files.js'
import { loadImages } from './upload-images.js'

export interface EntryPromptDeps {
  inbox: Inbox
  outbox: Outbox
  logger: Logger
  uploadPrompt?: (
    files: UploadFile[],
    session: SessionTarget,
    entry: InboxEntry,
  ) => Promise<PreparedUpload | string>
}

/** The entry's prompt: an upload's is built (files saved) once; images are read at each send. */
export async function entryPrompt(
  deps: EntryPromptDeps,
  entry: InboxEntry,
  session: SessionTarget,
): Promise<Prompt> {
  if (entry.prompt === undefined) {
    if (!deps.uploadPrompt) throw new Error('uploads are not supported here')
    const prepared = await deps.uploadPrompt(entry.files ?? [], session, entry)
    const { text, images, notices } =
      typeof prepared === 'string' ? { text: prepared, images: [], notices: [] } : prepared
    if (images.length > 0) entry.images = images
    deps.inbox.setPrompt(entry, text)
    for (const notice of notices) {
      void sendOrLog(
        deps,
        entry.chatId,
        notice,
        { threadId: entry.threadId, replyTo: entry.replyTo },
        'could not tell about an upload',
      )
    }
  }
  const text = entry.prompt ?? ''
  if (!entry.images?.length) return text
  const images = await loadImages(entry.images, deps.logger)
  return images.length > 0 ? { text, images } : text
}

/**
 * A message's content with the files that waited for it: they come first; a text becomes the
 * caption of the last of them (so the upload's prompt is built from it when the turn is prepared).
 */
export function withWaiting(
  request: AcceptRequest,
  waiting: readonly UploadFile[],
): Pick<InboxEntry, 'prompt' | 'files'> {
  if (waiting.length === 0) return { prompt: request.prompt, files: request.files }
  const files = [...waiting]
  if (request.prompt !== undefined) {
    const last = files.length - 1
    files[last] = { ...(files[last] as UploadFile), caption: request.prompt }
  }
  return { files: [...files, ...(request.files ?? [])] }
}
