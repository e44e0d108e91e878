import { readdirSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Turn, TurnEvent } from '@switchboard/process'
import { ProcessExitedError } from '@switchboard/process'
import { expect, test } from 'vitest'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import { CallbackStore } from '../callbacks/callback-store.js'
import { AuditLog } from '../permissions/audit-log.js'
import type { Outbox } from '../telegram/outbox.js'
import { FinalDelivery } from './final-delivery.js'
import { FINAL_OUTBOX_DIR, FinalJournal } from './final-journal.js'
import {
  fakeSessions,
  makeOutbox,
  resultEvent,
  scriptedTurn,
  sessionMeta,
  silentLogger,
} from './testing/fakes.js'
import { runnerDeps } from './testing/runner-deps.js'
import { runTurn } from './turn-runner.js'

const OWNER = 42

function setup(progressDelayMs = 10_000, mode: 'edit' | 'draft' = 'edit') {
  const { api, outbox } = makeOutbox()
  const callbacks = new CallbackStore<CallbackAction>()
  const sessions = fakeSessions([sessionMeta(), sessionMeta({ id: 's-bg', name: 'work' })])
  const deps = {
    outbox,
    sessions,
    callbacks,
    audit: new AuditLog({ sessionDirectory: () => '/nonexistent', logger: silentLogger }),
    logger: silentLogger,
    mode,
    claudePath: '/opt/claude',
    progressDelayMs,
    liveIntervalMs: 0,
    isClosing: () => false,
  }
  const run = (events: TurnEvent[], error?: Error, id = 's-main') =>
    runTurn(deps, {
      ref: { owner: String(OWNER), id },
      userId: OWNER,
      chatId: OWNER,
      sessionName: id === 's-main' ? 'main' : 'work',
      cwd: '/work/space',
      turn: scriptedTurn(events, error),
    })
  return { api, callbacks, sessions, run }
}

/** The calls that send or change messages (the "typing…" action at a turn's start aside). */
const messageCalls = <T extends { method: string }>(calls: T[]) =>
  calls.filter((c) => c.method !== 'sendChatAction')

const delta = (text: string): TurnEvent => ({ type: 'text_delta', text, parentToolUseId: null })

test('a quick answer goes out as the final message directly, formatted', async () => {
  const s = setup()
  const outcome = await s.run([
    delta('**Hi** '),
    delta('there'),
    resultEvent({ text: '**Hi** there' }),
  ])
  expect(outcome).toBe('told')
  // "typing…" at once (edit mode), then the answer: no progress message sent and deleted.
  expect(s.api.calls.map((c) => c.method)).toEqual(['sendChatAction', 'sendMessage'])
  expect(s.api.calls[0]?.payload).toMatchObject({ chat_id: OWNER, action: 'typing' })
  expect(s.api.calls[1]?.payload).toMatchObject({
    chat_id: OWNER,
    text: '<b>Hi</b> there',
    parse_mode: 'HTML',
  })
})

test('a tool line starts the progress at once; the answer then turns it into the turn log', async () => {
  const s = setup()
  await s.run([
    {
      type: 'tool_use',
      id: 'a',
      name: 'Bash',
      input: { command: 'npm test' },
      parentToolUseId: null,
    },
    { type: 'tool_result', toolUseId: 'a', isError: false, content: 'ok', parentToolUseId: null },
    resultEvent({ text: 'All green.' }),
  ])
  const calls = messageCalls(s.api.calls)
  const methods = calls.map((c) => c.method)
  expect(methods[0]).toBe('sendMessage')
  expect(calls[0]?.payload.text).toContain('Bash: npm test')
  expect(methods.at(-1)).toBe('sendMessage')
  expect(s.api.calls.at(-1)?.payload.text).toBe('All green.')
  const summary = s.api.callsOf('editMessageText').at(-1)
  expect(summary?.payload.text).toMatch(/✓ done — 1 tool, \d+ s\n✓ npm test — exit 0\n {3}│ ok$/)
  // The output is behind a button (kept on disk for /log).
  const markup = summary?.payload.reply_markup as { inline_keyboard: { text: string }[][] }
  expect(markup.inline_keyboard[0]?.[0]?.text).toBe('📄 Full output')
})

test('background answers are labelled with the session name and offer a switch button', async () => {
  const s = setup()
  await s.run([resultEvent({ text: 'from work' })], undefined, 's-bg')
  const sent = s.api.callsOf('sendMessage')[0]?.payload
  expect(sent?.text).toBe('<b>[work]</b>\nfrom work')
  const markup = sent?.reply_markup as
    | { inline_keyboard: { text: string; callback_data: string }[][] }
    | undefined
  const button = markup?.inline_keyboard[0]?.[0]
  expect(button?.text).toBe('Switch to work')
  expect(s.callbacks.take(button?.callback_data, OWNER)).toMatchObject({
    ok: true,
    action: { type: 'switch', sessionId: 's-bg' },
  })
})

test.each([
  [
    resultEvent({ subtype: 'error_max_turns', isError: true, text: undefined, numTurns: 9 }),
    'Claude hit the persona\'s turn limit (5) before finishing. Send "continue" to go on, or raise maxTurns in the persona.',
  ],
  [
    resultEvent({ subtype: 'error_max_budget_usd', isError: true, text: undefined }),
    'budget limit for this turn and stopped. Send "continue" to go on, or raise maxBudgetUsd',
  ],
  [resultEvent({ subtype: 'error_during_execution', isError: true, text: undefined }), 'Stopped.'],
  [
    resultEvent({
      subtype: 'success',
      isError: true,
      text: 'API Error: 429 {"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}',
    }),
    'The API is rate limiting requests',
  ],
  [
    resultEvent({ subtype: 'success', isError: true, text: 'API Error: 401 invalid x-api-key' }),
    "Claude's API refused its credentials (401), so Claude Code can't answer (ref ",
  ],
])('a failed result gets one clear message (%#)', async (result, expected) => {
  const s = setup()
  s.sessions.maxTurns = 5
  await s.run([result])
  const calls = messageCalls(s.api.calls)
  expect(calls.map((c) => c.method)).toEqual(['sendMessage'])
  expect(calls[0]?.payload.text).toContain(expected)
})

test('a crash mid-turn: what happened, the last output, and that the session is intact', async () => {
  const s = setup(0)
  const crash = new ProcessExitedError({
    exitCode: undefined,
    signal: 'SIGKILL',
    stopped: false,
    stderrTail: ['boom: out of memory'],
  })
  const tool: TurnEvent = {
    type: 'tool_use',
    id: 'a',
    name: 'Read',
    input: { file_path: '/x' },
    parentToolUseId: null,
  }
  await s.run([tool, delta('partial answer')], crash)
  const last = s.api.callsOf('sendMessage').at(-1)?.payload.text as string
  // The CLI's last words go to the log; the message names the log line's reference.
  expect(last).toMatch(
    /^Claude Code stopped unexpectedly \(killed by SIGKILL\) \(ref [0-9a-f]{6}\)\.\nYour session is intact; send your message again to resume\.$/,
  )
  // The progress message keeps the partial text with a final status, not a stale "working".
  const progress = [...s.api.callsOf('sendMessage'), ...s.api.callsOf('editMessageText')]
    .map((c) => c.payload.text as string)
    .filter((t) => t.includes('partial answer'))
  expect(progress.at(-1)).toContain('failed')
})

test('draft mode: a crash after text keeps that text in the error message (the draft vanishes)', async () => {
  const s = setup(0, 'draft')
  const crash = new ProcessExitedError({
    exitCode: 1,
    signal: undefined,
    stopped: false,
    stderrTail: [],
  })
  await s.run([delta('partial **answer**')], crash)
  const last = String(s.api.callsOf('sendMessage').at(-1)?.payload.text)
  expect(last).toContain('partial <b>answer</b>')
  expect(last).toContain('Claude Code stopped unexpectedly')
  expect(s.api.callsOf('sendMessage')).toHaveLength(1) // one message: no separate error after it
})

test('a missing CLI says how to fix it', async () => {
  const s = setup()
  const missing = Object.assign(new Error('Claude Code CLI not found: /opt/claude'), {
    code: 'CLI_NOT_FOUND',
  })
  await s.run([], missing)
  expect(s.api.callsOf('sendMessage')[0]?.payload.text).toContain(
    'Claude Code can\'t be started: it was not found at "/opt/claude". Install it',
  )
})

/** A turn whose events arrive `gapMs` apart, so the live progress is on screen meanwhile. */
function pacedTurn(events: TurnEvent[], gapMs: number): Turn {
  const base = scriptedTurn(events)
  return {
    ...base,
    done: base.done,
    async *[Symbol.asyncIterator]() {
      for (const event of events) {
        await new Promise((resolve) => setTimeout(resolve, gapMs))
        yield event
      }
    },
  }
}

test('an API error is shown once, in the final message, not also in the live progress', async () => {
  const { api, outbox } = makeOutbox()
  const error = 'API Error: 500 boom late. This is a server-side issue.'
  await runTurn(
    { ...baseDeps(outbox), progressDelayMs: 0 },
    job(
      pacedTurn(
        [
          { type: 'text', text: error, parentToolUseId: null },
          resultEvent({ subtype: 'success', isError: true, text: error }),
        ],
        60,
      ),
    ),
  )
  const shown = [...api.callsOf('sendMessage'), ...api.callsOf('editMessageText')].map(
    (c) => c.payload.text as string,
  )
  expect(shown.some((t) => t.includes('working…'))).toBe(true) // the progress was on screen
  const finals = shown.filter((t) => t.includes('boom late'))
  expect(finals).toHaveLength(1)
  expect(finals[0]).toMatch(
    /^Claude's API returned an error: API Error: 500 boom late\. This is a server-side issue\. \(ref [0-9a-f]{6}\)\nThe API is overloaded or failing: wait a little, then send your message again\.$/,
  )
})

test('the outcome is journaled before the first attempt, onOutcomeSaved runs first, and the entry goes once delivered', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'turn-runner-'))
  await mkdir(join(dir, 's-main')) // the session's directory
  try {
    const journalAtSend: string[][] = []
    const events: string[] = []
    const { outbox } = makeOutbox((call) => {
      if (call.method !== 'sendMessage') return undefined
      events.push('send')
      journalAtSend.push(readdirSync(join(dir, 's-main', FINAL_OUTBOX_DIR)))
      return undefined
    })
    const journal = new FinalJournal(silentLogger)
    const finals = new FinalDelivery({ outbox, journal, logger: silentLogger })
    const deps = {
      ...baseDeps(outbox),
      sessions: fakeSessions([sessionMeta()], dir),
      finals,
    }
    const outcome = await runTurn(deps, {
      ...job(scriptedTurn([resultEvent({ text: 'kept safe' })])),
      onOutcomeSaved: async () => {
        events.push('saved')
      },
    })
    expect(outcome).toBe('told')
    expect(events).toEqual(['saved', 'send'])
    expect(journalAtSend[0]?.filter((n) => n.endsWith('.json'))).toHaveLength(1)
    await journal.idle() // forgotten right after the confirmation
    expect(readdirSync(join(dir, 's-main', FINAL_OUTBOX_DIR))).toEqual([])
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

function baseDeps(outbox: Outbox) {
  return runnerDeps(outbox, 'edit')
}

function job(turn: Turn) {
  return {
    ref: { owner: String(OWNER), id: 's-main' },
    userId: OWNER,
    chatId: OWNER,
    sessionName: 'main',
    cwd: '/work/space',
    turn,
  }
}
