import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import { CallbackStore } from '../callbacks/callback-store.js'
import { runAgainButton } from './cut-off.js'
import { Inbox } from './inbox.js'
import type { InboxEntry } from './inbox-entry.js'
import { recoverInbox } from './inbox-recovery.js'
import { InboxStore } from './inbox-store.js'
import { RunAgainOffers } from './run-again.js'
import { eventually, fakeSessions, makeOutbox, sessionMeta, silentLogger } from './testing/fakes.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'inbox-recovery-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const message = (prompt: string) => ({
  userId: 42,
  chatId: 42,
  owner: '42',
  sessionId: 's-main',
  sessionName: 'main',
  prompt,
})

test('start-up: the running turn is cut off (edited, Run again), never-started ones run late in order, one notice; this run’s entries are left alone', async () => {
  const store = new InboxStore({ sessionDirectory: () => dir, logger: silentLogger })
  const before = new Inbox({ store, logger: silentLogger, boot: 'run-1' })
  const running = await before.accept(message('the long one'))
  before.started(running)
  before.shown(running, 5)
  await before.accept(message('first waiting'))
  await before.accept(message('second waiting'))
  const old = await before.accept(message('cut off long ago'))
  await before.cut(old, new Date(Date.now() - 1)) // its Run again expired
  const now = new Inbox({ store, logger: silentLogger, boot: 'run-2' })
  const fresh = await now.accept(message('sent just now'))
  await store.idle()

  const { api, outbox } = makeOutbox()
  const callbacks = new CallbackStore<CallbackAction>()
  const resumed: [string | undefined, boolean][] = []
  const submitter = {
    resume: (entry: InboxEntry, _session: unknown, quiet: boolean) => {
      resumed.push([entry.prompt, quiet])
    },
  }
  const sessions = fakeSessions([sessionMeta()])
  const offers = new RunAgainOffers({
    inbox: now,
    submitter,
    sessions,
    callbacks,
    outbox,
    logger: silentLogger,
  })
  await recoverInbox({ inbox: now, offers, submitter, outbox, logger: silentLogger }, [
    sessionMeta(),
  ])

  expect(resumed).toEqual([
    ['first waiting', true],
    ['second waiting', true],
  ])
  await eventually(() => api.callsOf('sendMessage').length === 1)
  const [edit] = api.callsOf('editMessageText')
  expect(edit?.payload).toMatchObject({
    message_id: 5,
    text: 'main · ✂️ cut off by a restart before it finished: "the long one". Run again starts it over.',
  })
  const markup = edit?.payload.reply_markup as { inline_keyboard: { callback_data: string }[][] }
  const data = markup.inline_keyboard[0]?.[0]?.callback_data
  expect(api.callsOf('sendMessage')[0]?.payload.text).toBe(
    'The bot restarted.\n• Cut off: "the long one" — Run again is on its message.\n• 2 messages had not started yet: they run now, late, in order: "first waiting", "second waiting".',
  )
  await store.idle()
  const left = await store.list('42', 's-main')
  expect(left.map((e) => [e.prompt, e.state, e.boot])).toEqual([
    ['the long one', 'cut', 'run-1'],
    ['first waiting', 'queued', 'run-1'],
    ['second waiting', 'queued', 'run-1'],
    ['sent just now', 'queued', 'run-2'],
  ])
  expect(left[0]?.cut?.toldAt).toBeDefined()
  expect(left.find((e) => e.id === fresh.id)).toEqual(fresh)
  // The button is the token kept on disk: it works now, and would after another restart.
  expect(callbacks.take(data, 7)).toEqual({ ok: false, reason: 'not_owner' })
  expect(callbacks.take(data, 42)).toMatchObject({
    ok: true,
    action: { type: 'run_again', entryId: running.id },
  })
})

test('a second start-up restores the buttons of turns already told, and says nothing more', async () => {
  const store = new InboxStore({ sessionDirectory: () => dir, logger: silentLogger })
  const first = new Inbox({ store, logger: silentLogger, boot: 'run-1' })
  const entry = await first.accept(message('told before'))
  await first.cut(entry, new Date(Date.now() + 60_000))
  first.told(entry)
  await store.idle()
  const { api, outbox } = makeOutbox()
  const callbacks = new CallbackStore<CallbackAction>()
  const inbox = new Inbox({ store, logger: silentLogger, boot: 'run-3' })
  const submitter = { resume: () => {} }
  const sessions = fakeSessions([sessionMeta()])
  const offers = new RunAgainOffers({
    inbox,
    submitter,
    sessions,
    callbacks,
    outbox,
    logger: silentLogger,
  })
  await recoverInbox({ inbox, offers, submitter, outbox, logger: silentLogger }, [sessionMeta()])
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(api.calls).toEqual([])
  const data = runAgainButton(entry).callback_data
  expect(callbacks.take(data, 42)).toMatchObject({ ok: true })
})
