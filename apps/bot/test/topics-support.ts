// Helpers shared by the topic end-to-end tests (test/topics-*.test.ts).
import { readFile } from 'node:fs/promises'
import {
  defaultResponder,
  type FakeReply,
  type RecordedRequest,
  type Responder,
} from '@switchboard/test-utils'
import { findFiles } from './conversation-support.js'
import type { FakeUser } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'

/** Fake Telegram with the bot's Threaded Mode on and users allowed to create topics. */
export const TOPICS_ON = { topics: { enabled: true, usersCanCreate: true } } as const

export interface StoredSession {
  id: string
  name: string
  persona: string
  topic: { chatId: number; threadId: number } | null
}

/** The owner's sessions as core stored them (metadata.json, read only). */
export async function storedSessions(h: BotHarness, user: FakeUser): Promise<StoredSession[]> {
  const files = await findFiles(h.dataDir, 'metadata.json')
  const all = await Promise.all(
    files
      .filter((f) => !f.includes('/archive/'))
      .map(async (f) => JSON.parse(await readFile(f, 'utf8'))),
  )
  return all.filter((m) => m.owner === String(user.id))
}

/**
 * The default script, plus `TOGETHER:<group>:<text>`: answered `together: <text>` only once two
 * turns of that group reached the model, so two answers prove two turns ran at the same time
 * (one after the other they would wait forever, and the test times out).
 */
export function togetherResponder(): Responder {
  const groups = new Map<string, { count: number; release: () => void; both: Promise<void> }>()
  const groupOf = (name: string) => {
    let group = groups.get(name)
    if (!group) {
      let release!: () => void
      const both = new Promise<void>((resolve) => {
        release = resolve
      })
      group = { count: 0, release, both }
      groups.set(name, group)
    }
    return group
  }
  return async (req: RecordedRequest): Promise<FakeReply> => {
    const match = /^TOGETHER:([^:]+):(.*)$/s.exec(req.prompt)
    if (!match || req.isSideRequest || req.hasToolResult) return defaultResponder(req) as FakeReply
    const [, name = '', text = ''] = match
    const group = groupOf(name)
    group.count += 1
    if (group.count >= 2) group.release()
    await group.both
    return { kind: 'text', text: `together: ${text}` }
  }
}

/** Waits until the owner's stored sessions satisfy `probe` (core writes after Telegram answers). */
export async function waitForStored(
  h: BotHarness,
  user: FakeUser,
  probe: (sessions: StoredSession[]) => boolean,
  timeoutMs = 10_000,
): Promise<StoredSession[]> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    // A scan can race a lock file core is removing (ENOENT): just look again.
    const sessions = await storedSessions(h, user).catch(() => [])
    if (probe(sessions)) return sessions
    if (Date.now() > deadline) {
      throw new Error(`stored sessions never matched: ${JSON.stringify(sessions)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}
