// Helpers shared by the conversation and permission end-to-end tests.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ChatMessage, FakeUser } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'

let nextUser = 5000

/** A fresh user (own chat, own sessions), so each test starts from nothing. */
export function freshUser(): FakeUser {
  nextUser += 1
  return { id: nextUser, first_name: `User${nextUser}` }
}

/** Allowed ids for a file's harness: enough fresh users for its tests. */
export function allowedRange(count = 30): number[] {
  return Array.from({ length: count }, (_, i) => nextUser + 1 + i)
}

/**
 * Texts of every sendMessage / editMessageText / sendMessageDraft the bot made to a chat, in order
 * (successful ones): what the user saw, in either stream mode.
 */
export function chatHistory(h: BotHarness, chatId: number): string[] {
  return h.telegram.calls
    .filter(
      (c) =>
        c.ok &&
        (c.method === 'sendMessage' ||
          c.method === 'editMessageText' ||
          c.method === 'sendMessageDraft') &&
        Number(c.params.chat_id) === chatId,
    )
    .map((c) => String(c.params.text ?? ''))
}

/** The first bot message in `user`'s chat matching `predicate`. */
export function waitForMessage(
  h: BotHarness,
  user: FakeUser,
  predicate: (m: ChatMessage) => boolean,
  timeoutMs = 30_000,
): Promise<ChatMessage> {
  return h.waitForBotMessage(predicate, { chatId: user.id, timeoutMs })
}

/** Every file named `name` below `dir`. */
export async function findFiles(dir: string, name: string): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const found: string[] = []
      for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
        if (entry.name === name) found.push(join(entry.parentPath, entry.name))
      }
      return found
    } catch (error) {
      // A lock directory (the bot's lease heartbeats, session locks) went away mid-walk: walk again.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt >= 5) throw error
    }
  }
}

/** The session metadata files of one owner, parsed. */
export async function sessionsOf(
  h: BotHarness,
  user: FakeUser,
): Promise<{ id: string; name: string; pid: number | null; workingDirectory: string }[]> {
  const files = await findFiles(h.dataDir, 'metadata.json')
  const all = await Promise.all(files.map(async (f) => JSON.parse(await readFile(f, 'utf8'))))
  return all.filter((m) => m.owner === String(user.id))
}
