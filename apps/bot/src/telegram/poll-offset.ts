/**
 * The polling offset on disk (`<data dir>/poll-offset.json`): the first update id not yet handled.
 * Telegram confirms a batch only when the next getUpdates arrives; a bot restarted before that (an
 * outage) would get the batch again, after its turns finished and their inbox entries are gone.
 * Used only for the same bot and while fresh: Telegram picks update ids at random again after a
 * week without updates, and a stale offset above them would drop new messages.
 */

import { join } from 'node:path'
import { readJsonFile, writeJsonAtomic } from '@switchboard/core'
import { z } from 'zod'

export const POLL_OFFSET_FILE = 'poll-offset.json'
const MAX_AGE_MS = 24 * 60 * 60 * 1000
const OffsetSchema = z.object({
  botId: z.number().int(),
  offset: z.number().int().nonnegative(),
  savedAt: z.number().int(),
})

export function pollOffsetPath(dataDir: string): string {
  return join(dataDir, POLL_OFFSET_FILE)
}

/** The saved offset of `botId`; undefined (Telegram's own bookkeeping) when none fits. */
export async function loadPollOffset(
  path: string,
  botId: number,
  now = Date.now(),
): Promise<number | undefined> {
  const read = await readJsonFile(path, OffsetSchema)
  if (!read.ok || read.value.botId !== botId) return undefined
  const age = now - read.value.savedAt
  return age >= 0 && age < MAX_AGE_MS ? read.value.offset : undefined
}

export async function savePollOffset(path: string, botId: number, offset: number): Promise<void> {
  await writeJsonAtomic(path, { botId, offset, savedAt: Date.now() })
}
