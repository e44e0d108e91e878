// Helpers for the final-answer e2e tests: a long scripted answer and the bot's journal on disk.
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultResponder, type FakeReply, type RecordedRequest } from '@switchboard/test-utils'
import type { ChatMessage, FakeUser } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'

/** Deterministic Markdown of at least `chars` characters, in paragraphs "Paragraph <i>: …". */
export function longAnswer(chars: number): string {
  const paragraphs: string[] = []
  for (let i = 0, length = 0; length < chars; i++) {
    const p = `Paragraph ${i}: ${'the quick brown fox jumps over the lazy dog, '.repeat(8)}end ${i}.`
    paragraphs.push(p)
    length += p.length + 2
  }
  return paragraphs.join('\n\n')
}

/** The default script, plus `LONG:<chars>` → longAnswer(chars) and `LATEERR` → an API error after 2.5 s. */
export async function finalsResponder(req: RecordedRequest): Promise<FakeReply> {
  const long = /^LONG:(\d+)$/.exec(req.prompt)
  if (long && !req.hasToolResult) return { kind: 'text', text: longAnswer(Number(long[1])) }
  if (req.prompt === 'LATEERR') {
    await new Promise((resolve) => setTimeout(resolve, 2500))
    return { kind: 'error', status: 500, message: 'boom late' }
  }
  return defaultResponder(req) as FakeReply
}

/** The final-answer journal records of `user`'s sessions, as the bot left them on disk. */
export async function journalOf(
  h: BotHarness,
  user: FakeUser,
): Promise<{ items: { type: string; messageId?: number }[] }[]> {
  const owner = join(h.dataDir, 'sessions', String(user.id))
  const records = []
  for (const id of await readdir(owner).catch(() => [] as string[])) {
    const dir = join(owner, id, 'outbox')
    for (const name of await readdir(dir).catch(() => [] as string[])) {
      if (!name.endsWith('.json')) continue
      const text = await readFile(join(dir, name), 'utf8').catch(() => '')
      if (text) records.push(JSON.parse(text))
    }
  }
  return records
}

/** Polls the journal (the harness's waitFor is synchronous) until `probe` holds for it. */
export async function waitForJournal(
  h: BotHarness,
  user: FakeUser,
  probe: (records: Awaited<ReturnType<typeof journalOf>>) => boolean,
  timeoutMs = 30_000,
): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!probe(await journalOf(h, user))) {
    if (Date.now() > until) throw new Error(`journal condition not met\n${h.logs().slice(-3000)}`)
    if (h.bot.hasExited()) throw new Error(`the bot exited\n${h.logs().slice(-3000)}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/** A first message and its answer: the session and its Claude Code process exist afterwards. */
export async function warmUp(h: BotHarness, user: FakeUser): Promise<void> {
  h.send('warm up', user)
  await h.waitForBotMessage((m) => m.text === 'echo: warm up', {
    chatId: user.id,
    timeoutMs: 30_000,
  })
  // Its reply must have reached the bot too: a fault set up next would otherwise hit it.
  const proxy = h.proxy
  if (proxy)
    await h.waitFor(() =>
      proxy.requests.every((r) => r.method === 'getUpdates' || r.outcome !== 'held'),
    )
}

/** Bot messages in `user`'s chat holding `text` (the answer's parts, not the live view). */
export function copiesOf(h: BotHarness, user: FakeUser, text: string): ChatMessage[] {
  return h.chat(user.id).botMessages.filter((m) => m.text.startsWith(text))
}
