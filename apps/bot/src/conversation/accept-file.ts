/**
 * One file a message carries (a document, a photo, an audio file), accepted alone or as an item of
 * its album (items sharing a media_group_id): the album's first item makes the inbox entry and each
 * later one is added to it, on disk, before its own update is confirmed; the album's turn is
 * prepared once it closed, so the album is one turn.
 */

import type { UploadFile } from './inbox-entry.js'
import type { MediaGroups } from './media-groups.js'
import { acceptMessage, type MessageHandlerDeps, type PromptSource } from './message-handler.js'
import type { Accepted } from './submitter.js'

export async function acceptFile(
  deps: MessageHandlerDeps,
  albums: MediaGroups<Accepted>,
  source: PromptSource,
  file: UploadFile,
  options: { groupId: string | undefined; askFirst?: boolean },
): Promise<void> {
  const { chatId } = source
  const { groupId, askFirst } = options
  if (groupId === undefined) {
    await deps.order.run(chatId, async () => {
      await acceptMessage(deps, source, { files: [file], askFirst })
    })
    return
  }
  const { first, group } = albums.join(`${chatId}:${groupId}`)
  // The album's turn is prepared once it closed and every item taken before then is on disk.
  const complete = group.closed.then(() => deps.order.run(chatId, async () => {}))
  await deps.order.run(chatId, async () => {
    if (first) {
      group.handle = acceptMessage(deps, source, { files: [file], complete, askFirst })
      await group.handle
      return
    }
    // A refused album (full queue) refuses its later items with it.
    await (await group.handle)?.addFile(file)
  })
}
