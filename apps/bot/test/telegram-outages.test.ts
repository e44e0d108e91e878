import { expect, test, vi } from 'vitest'
import { ask } from './support/ask.js'
import type { FakeUser } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

// The real bot behind the fault proxy: Telegram refused, reset, half-open; replies lost.
const bot = useBotHarness({ telegramProxy: true, allowedUsers: ALLOWED_IDS })
vi.setConfig({ testTimeout: 120_000 })

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** API errors except the 409s Telegram gives a poll that a newer one (after an outage) replaced. */
function unexpectedErrors(h: BotHarness) {
  return h.telegram
    .errors()
    .filter((c) => !(c.method === 'getUpdates' && /terminated by other/.test(c.description ?? '')))
}

/** Cuts Telegram off in `mode` for `ms` while `who` writes; the ms from the network's return to the reply. */
async function outage(
  h: BotHarness,
  mode: 'refuse' | 'reset' | 'blackhole',
  ms: number,
  who: FakeUser,
) {
  const proxy = h.proxy
  if (!proxy) throw new Error('no proxy')
  await ask(h, '/help', who) // the bot is polling normally
  // Its answer must have reached the bot too: cut off in between, it would be resent after the
  // outage (an unknown outcome) and be taken for the answer to the message sent during it.
  await h.waitFor(() =>
    proxy.requests.every((r) => r.method !== 'sendMessage' || r.outcome !== 'held'),
  )
  await proxy.setMode(mode)
  await sleep(1_000)
  const update = h.send('/help', who)
  await sleep(ms - 1_000)
  await proxy.setMode('pass')
  const back = Date.now()
  const reply = await h.waitForReply(update, (m) => m.text.includes('Commands'), {
    chatId: who.id,
    timeoutMs: 90_000,
  })
  const recoveredMs = Date.now() - back
  // The figure for the closing note.
  console.warn(
    `${mode} ${ms / 1000} s: first message delivered ${recoveredMs} ms after the network returned`,
  )
  expect(reply.text).toContain('Commands')
  return recoveredMs
}

test('after a 20 s half-open outage the first message is answered within 60 s of the network returning', async () => {
  const h = bot()
  const recoveredMs = await outage(h, 'blackhole', 20_000, user(0))
  // Target < 60 s (was 485 s: the client's 500 s timeout). Bounded by the poll deadline (35 s).
  expect(recoveredMs).toBeLessThan(60_000)
  expect(unexpectedErrors(h)).toEqual([])
})

test('Telegram refusing connections for 10 s: answered within seconds of its return', async () => {
  const h = bot()
  expect(await outage(h, 'refuse', 10_000, user(1))).toBeLessThan(10_000)
  expect(unexpectedErrors(h)).toEqual([])
})

test('connections reset for 10 s: answered within seconds of the network returning', async () => {
  const h = bot()
  expect(await outage(h, 'reset', 10_000, user(2))).toBeLessThan(10_000)
  expect(unexpectedErrors(h)).toEqual([])
})

test('a reply whose answer was lost is sent at most twice (the unknown-outcome duplicate)', async () => {
  const h = bot()
  const who = user(3)
  await ask(h, '/help', who)
  const before = h.chat(who.id).botMessages.length
  h.proxy?.dropReplies('sendMessage', 1)
  const update = h.send('/help', who)
  await h.waitForReply(update, (m) => m.text.includes('Commands'), { chatId: who.id })
  await sleep(5_000) // time for any further resend
  const helps = h
    .chat(who.id)
    .botMessages.slice(before)
    .filter((m) => m.text.includes('Commands'))
  expect(helps.length).toBeGreaterThanOrEqual(1)
  expect(helps.length).toBeLessThanOrEqual(2)
  expect(unexpectedErrors(h)).toEqual([])
})

test("the refusal to a user who isn't allowed goes through the outbox: it survives a 429", async () => {
  const h = bot()
  const stranger: FakeUser = { id: 666, first_name: 'Eve' }
  h.telegram.failNext('sendMessage', { status: 429, retryAfter: 1 }, 1)
  const update = h.send('hello', stranger)
  const refusal = await h.waitForReply(update, () => true, { chatId: stranger.id })
  expect(refusal.text).toContain('Your Telegram user id is 666')
  expect(unexpectedErrors(h)).toEqual([])
})

test('live-view edits failing with 502 do not hold the final answer', async () => {
  const h = bot()
  const who = user(4)
  const words = 'one two three four five six seven eight nine ten'
  h.send(`SLOW:4000:${words}`, who)
  // The live view is on screen: from now on every edit gets 502 Bad Gateway.
  await h.waitForBotMessage((m) => m.text.length > 0, { chatId: who.id, timeoutMs: 30_000 })
  h.telegram.failNext('editMessageText', { status: 502 }, 50)
  const liveAt = Date.now()
  await h.waitForBotMessage((m) => m.text === words, { chatId: who.id, timeoutMs: 60_000 })
  // The stream ends ≤ 4 s after the live view appeared; the answer follows within seconds (was ~30 s:
  // it waited behind the edit's backoff).
  expect(Date.now() - liveAt).toBeLessThan(12_000)
  expect(unexpectedErrors(h)).toEqual([])
})

test('an answer ready during a 20 s half-open outage arrives once, soon after the network returns', async () => {
  const h = bot()
  const who = user(5)
  const proxy = h.proxy
  if (!proxy) throw new Error('no proxy')
  h.send('SLOW:3000:answered through the outage', who)
  await h.waitFor(
    () => h.anthropic.turnRequests().some((r) => r.prompt.startsWith('SLOW:3000')),
    30_000,
  )
  await proxy.setMode('blackhole') // the answer is being written: its sends get no reply
  await sleep(20_000)
  await proxy.setMode('pass')
  const back = Date.now()
  await h.waitForBotMessage((m) => m.text === 'answered through the outage', {
    chatId: who.id,
    timeoutMs: 90_000,
  })
  const recoveredMs = Date.now() - back
  // The figure for the closing note.
  console.warn(`answer ready during a 20 s half-open outage: delivered ${recoveredMs} ms after`)
  expect(recoveredMs).toBeLessThan(60_000)
  await sleep(3_000)
  const copies = h.chat(who.id).botMessages.filter((m) => m.text === 'answered through the outage')
  expect(copies).toHaveLength(1) // the swallowed sends never reached Telegram: nothing to duplicate
  expect(unexpectedErrors(h)).toEqual([])
})
