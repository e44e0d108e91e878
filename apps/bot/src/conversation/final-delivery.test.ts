import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pino } from 'pino'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { systemClock } from '../telegram/clock.js'
import { Outbox } from '../telegram/outbox.js'
import {
  FakeCallApi,
  networkError,
  type Responder,
  telegramError,
} from '../telegram/testing/fake-call-api.js'
import { FinalDelivery, type FinalInput } from './final-delivery.js'
import { FINAL_OUTBOX_DIR, FinalJournal } from './final-journal.js'

// Captured before the fake timers are installed: real waits let file I/O land between fake steps.
const realSetTimeout = globalThis.setTimeout
const realPause = () => new Promise((resolve) => realSetTimeout(resolve, 1))

let root: string
/** A session directory as core lays it out: `<sessions>/<owner>/<id>`. */
let dir: string
const logger = pino({ level: 'silent' })
// Fake time runs in small steps with real file I/O in between: slower than pure fake time under load.
vi.setConfig({ testTimeout: 30_000 })

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] })
  root = await mkdtemp(join(tmpdir(), 'final-delivery-'))
  dir = join(root, '42', 's-main')
  await mkdir(dir, { recursive: true })
})
afterEach(async () => {
  vi.useRealTimers()
  await rm(root, { recursive: true, force: true })
})

function setup(responder?: Responder) {
  const api = new FakeCallApi(systemClock, 20, responder)
  const outbox = new Outbox({ callApi: api.callApi, random: () => 0 })
  const journal = new FinalJournal(logger)
  const finals = new FinalDelivery({ outbox, journal, logger, random: () => 0.5 })
  const texts = () => api.calls.filter((c) => c.method === 'sendMessage').map((c) => c.payload.text)
  return { api, outbox, journal, finals, texts }
}

function input(overrides: Partial<FinalInput> = {}): FinalInput {
  return {
    dir,
    owner: '42',
    sessionId: 's-main',
    chatId: 42,
    kind: 'answer',
    items: [{ type: 'message', text: 'the answer', html: true }],
    ...overrides,
  }
}

const LONG: Partial<FinalInput> = {
  items: [
    { type: 'message', text: 'part 1', html: true },
    { type: 'message', text: 'part 2', html: true },
    { type: 'document', fileName: 'answer.md', caption: 'The whole answer is in this file.' },
  ],
  document: Buffer.from('# the whole answer'),
  replyMarkup: { inline_keyboard: [[{ text: 'Switch to work', callback_data: 'x' }]] },
}

/** Advances fake time by `ms` in steps, letting real file I/O land in between. */
async function pass(ms: number, stepMs = 250): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    await vi.advanceTimersByTimeAsync(stepMs)
    await realPause()
  }
}

/** Advances fake time in steps, letting real file I/O land in between, until `promise` settles. */
async function settle<T>(promise: Promise<T>, budgetMs = 600_000, stepMs = 250): Promise<T> {
  let done = false
  void promise.then(
    () => (done = true),
    () => (done = true),
  )
  for (let t = 0; !done && t < budgetMs; t += stepMs) {
    await vi.advanceTimersByTimeAsync(stepMs)
    await realPause()
  }
  if (!done) throw new Error(`not settled within ${budgetMs} ms`)
  return promise
}

async function deliver(finals: FinalDelivery, data: FinalInput) {
  const ticket = finals.reserve({ chatId: data.chatId })
  const final = await ticket.persist(data)
  return { final, outcome: ticket.deliver(final) }
}

const pending = async () => (await readdir(join(dir, FINAL_OUTBOX_DIR))).sort()

test('Telegram unreachable for 45 s: the answer goes out once it is back, once, journaled until then', async () => {
  const down = Date.now() + 45_000
  const s = setup(() => {
    if (Date.now() < down) throw networkError('ECONNREFUSED')
    return undefined
  })
  const { final, outcome } = await deliver(s.finals, input())
  expect(final.durable).toBe(true)
  expect(await pending()).toEqual([`${final.record.id}.json`])
  expect(await settle(outcome)).toBe('told')
  const delivered = s.api.calls.findLast((c) => c.method === 'sendMessage')?.at ?? 0
  // Far beyond the outbox's own retries (~31 s), yet delivered within the backoff cap of its return.
  expect(delivered - down).toBeLessThanOrEqual(30_000)
  expect(delivered).toBeGreaterThanOrEqual(down)
  const accepted = s.api.callsOf('sendMessage').filter((c) => c.at >= down)
  expect(accepted).toHaveLength(1) // once
  await settle(s.journal.idle())
  expect(await pending()).toEqual([])
})

test('a delivery stopped after part 1 resumes after a restart with exactly part 2 and the file', async () => {
  let up = true
  const first = setup(() => {
    if (!up) throw networkError('ECONNREFUSED')
    return undefined
  })
  const { final, outcome } = await deliver(first.finals, input(LONG))
  while (final.record.items[0]?.messageId === undefined) await pass(50, 50)
  up = false // right after part 1 was confirmed: Telegram goes away, then the bot stops
  await settle(first.journal.idle())
  await settle(first.finals.shutdown(2_000))
  expect(await settle(outcome)).toBe('untold')
  expect(first.texts()[0]).toBe('part 1')

  const second = setup()
  expect(await second.finals.resumePending([dir])).toBe(1)
  await settle(second.finals.idle({ chatId: 42 }))
  expect(second.texts()).toEqual(['part 2'])
  const doc = second.api.callsOf('sendDocument')[0]?.payload
  const file = doc?.document as { source: Buffer } | undefined
  expect(file?.source.toString()).toBe('# the whole answer')
  expect(doc?.reply_markup).toEqual(LONG.replyMarkup) // the button stays on the last item
  expect(second.api.callsOf('sendMessage')[0]?.payload.reply_markup).toBeUndefined()
  await settle(second.journal.idle())
  expect(await pending()).toEqual([])
  // A third start finds nothing to send.
  const third = setup()
  expect(await third.finals.resumePending([dir])).toBe(0)
  expect(final.record.items[0]?.messageId).toBeGreaterThan(0)
})

test('a record planted in a session directory for another chat or session is not delivered', async () => {
  const planter = setup()
  for (const over of [{ chatId: 7 }, { owner: '7', chatId: 7 }, { sessionId: 'other' }]) {
    const ticket = planter.finals.reserve({ chatId: over.chatId ?? 42 })
    await ticket.persist(input(over)) // on disk, never handed over for delivery
    ticket.cancel()
  }
  const s = setup()
  expect(await s.finals.resumePending([dir])).toBe(0)
  await pass(1_000)
  expect(s.api.calls).toEqual([])
  expect(await pending()).toHaveLength(3) // left for the operator to look at
})

test('finals of a chat go out in the order their turns finished, even when composed out of order', async () => {
  const s = setup()
  const a = s.finals.reserve({ chatId: 42 })
  const b = s.finals.reserve({ chatId: 42 })
  const other = s.finals.reserve({ chatId: 7 })
  const outcomes = [
    b.deliver(await b.persist(input({ items: [{ type: 'message', text: 'B', html: true }] }))),
    other.deliver(
      await other.persist(
        input({ chatId: 7, items: [{ type: 'message', text: 'C', html: true }] }),
      ),
    ),
  ]
  await pass(3_000)
  expect(s.texts()).toEqual(['C']) // another chat is not held up
  outcomes.push(
    a.deliver(await a.persist(input({ items: [{ type: 'message', text: 'A', html: true }] }))),
  )
  await settle(Promise.all(outcomes))
  expect(s.texts()).toEqual(['C', 'A', 'B'])
})

test('a later final waits behind an earlier one that is retrying', async () => {
  let failures = 12
  const s = setup((call) => {
    if (call.payload.text === 'A' && failures-- > 0) throw telegramError(502, 'Bad Gateway')
    return undefined
  })
  const a = await deliver(s.finals, input({ items: [{ type: 'message', text: 'A', html: true }] }))
  const b = await deliver(s.finals, input({ items: [{ type: 'message', text: 'B', html: true }] }))
  await settle(Promise.all([a.outcome, b.outcome]))
  expect(s.texts().filter((t) => t === 'B')).toEqual(['B'])
  expect(s.texts().at(-1)).toBe('B')
  expect(s.texts().filter((t) => t === 'A').length).toBe(13)
})

test('a blocked chat keeps its answer, retries rarely, and at once when its user writes again', async () => {
  let blocked = true
  const s = setup(() => {
    if (blocked) throw telegramError(403, 'Forbidden: bot was blocked by the user')
    return undefined
  })
  const { outcome } = await deliver(s.finals, input())
  await pass(10 * 60_000, 1_000)
  const tries = s.api.calls.length
  expect(tries).toBeGreaterThanOrEqual(2)
  expect(tries).toBeLessThanOrEqual(5) // 1 min, 2 min, 4 min…: rarely
  blocked = false
  s.finals.nudge(42)
  expect(await settle(outcome, 5_000)).toBe('told')
  await settle(s.journal.idle())
  expect(await pending()).toEqual([])
})

test('a part Telegram refuses for good is skipped and logged; the rest is delivered', async () => {
  const s = setup((call) => {
    if (call.payload.text === 'part 1') throw telegramError(400, 'Bad Request: message is too long')
    return undefined
  })
  const { outcome } = await deliver(s.finals, input(LONG))
  expect(await settle(outcome)).toBe('told')
  expect(s.texts()).toEqual(['part 1', 'part 2'])
  expect(s.api.callsOf('sendDocument')).toHaveLength(1)
})

test('when the disk refuses the journal, the answer is still delivered, from memory', async () => {
  const s = setup()
  const file = join(dir, 'file')
  await writeFile(file, '')
  const { final, outcome } = await deliver(s.finals, input({ ...LONG, dir: file }))
  expect(final.durable).toBe(false)
  expect(await settle(outcome)).toBe('told')
  expect(s.texts()).toEqual(['part 1', 'part 2'])
  const doc = s.api.callsOf('sendDocument')[0]?.payload.document as { source: Buffer }
  expect(doc.source.toString()).toBe('# the whole answer')
})

test('shutdown ends a wait for a retry at once; the final stays journaled, later ones of the chat too', async () => {
  const s = setup(() => {
    throw telegramError(403, 'Forbidden: bot was blocked by the user')
  })
  const a = await deliver(s.finals, input({ items: [{ type: 'message', text: 'A', html: true }] }))
  const b = await deliver(s.finals, input({ items: [{ type: 'message', text: 'B', html: true }] }))
  await pass(5_000) // A waits a minute for its next try
  const started = Date.now()
  await settle(s.finals.shutdown(2_500))
  expect(Date.now() - started).toBeLessThan(1_000)
  expect(await settle(Promise.all([a.outcome, b.outcome]))).toEqual(['untold', 'untold'])
  expect(s.texts()).toEqual(['A'])
  expect((await pending()).length).toBe(2)
})

test('a final still in the outbox at shutdown gets the deadline, then is kept for the next start', async () => {
  const s = setup(() => {
    throw networkError('ECONNREFUSED')
  })
  const { outcome } = await deliver(s.finals, input())
  await pass(5_000)
  const started = Date.now()
  await settle(s.finals.shutdown(2_500))
  expect(Date.now() - started).toBeLessThanOrEqual(2_750)
  expect(await settle(outcome, 1_000)).toBe('untold')
  expect((await pending()).length).toBe(1)
})
