import type { PermissionRequest } from '@switchboard/process'
import { expect, test } from 'vitest'
import type { CallbackAction } from '../callbacks/callback-actions.js'
import { CallbackStore } from '../callbacks/callback-store.js'
import {
  eventually,
  fakeSessions,
  makeOutbox,
  pressContext,
  sessionMeta,
  silentLogger,
} from '../conversation/testing/fakes.js'
import { QuestionAsker, UNANSWERED_MESSAGE } from './ask-user-question.js'
import { parseQuestions, withAnswers } from './ask-user-question-input.js'
import { AuditLog } from './audit-log.js'

const OWNER = 42
const REF = { owner: String(OWNER), id: 's-main' }

const LIBRARY = {
  question: 'Which library should we use for dates?',
  header: 'Library',
  options: [
    { label: 'date-fns', description: 'Small, functional' },
    { label: 'Luxon', description: 'Time zones built in' },
  ],
  multiSelect: false,
}
const FEATURES = {
  question: 'Which features do you want?',
  header: 'Features',
  options: [
    { label: 'Auth', description: '' },
    { label: 'Search', description: '' },
    { label: 'Export', description: '' },
  ],
  multiSelect: true,
}

function setup(sessions = fakeSessions([sessionMeta()])) {
  const { api, outbox } = makeOutbox()
  const callbacks = new CallbackStore<CallbackAction>()
  const asker = new QuestionAsker({
    outbox,
    callbacks,
    sessions,
    audit: new AuditLog({ sessionDirectory: () => '/nonexistent/dir', logger: silentLogger }),
    logger: silentLogger,
    chatFor: () => undefined,
    timeoutMs: 60_000,
  })
  return { api, callbacks, asker }
}

function request(questions: unknown[]): PermissionRequest {
  return {
    requestId: 'r1',
    turnId: 't1',
    toolName: 'AskUserQuestion',
    displayName: undefined,
    input: { questions },
    description: undefined,
    toolUseId: 'tu1',
    blockedPath: undefined,
    suggestions: [],
    alwaysRule: undefined,
  }
}

type Api = ReturnType<typeof setup>['api']

/** Buttons (label → data) of the n-th question message, as last drawn. */
async function buttonsOf(api: Api, n: number) {
  const sent = await eventually(() => api.callsOf('sendMessage')[n])
  const id = 100 + n
  const redraws = api.callsOf('editMessageReplyMarkup').filter((c) => c.payload.message_id === id)
  const markup = (redraws.at(-1)?.payload ?? sent.payload).reply_markup as {
    inline_keyboard: { text: string; callback_data: string }[][]
  }
  return {
    sent,
    buttons: Object.fromEntries(
      markup.inline_keyboard.flat().map((b) => [b.text, b.callback_data]),
    ),
  }
}

async function press(s: ReturnType<typeof setup>, data: string | undefined) {
  const taken = s.callbacks.take(data, OWNER)
  if (!taken.ok || taken.action.type !== 'answer')
    throw new Error(`press failed: ${JSON.stringify(taken)}`)
  const { ctx, toasts } = pressContext(OWNER)
  await s.asker.handlePress(ctx, taken.action)
  return toasts
}

test('a single-choice question: the pressed label goes back in answers, keyed by question text', async () => {
  const s = setup()
  const decision = s.asker.ask(REF, request([LIBRARY]), new AbortController().signal)
  const { sent, buttons } = await buttonsOf(s.api, 0)
  expect(sent.payload.text).toContain('<b>Library</b>')
  expect(sent.payload.text).toContain('Which library should we use for dates?')
  expect(sent.payload.text).toContain('<b>Luxon</b> — Time zones built in')
  expect(Object.keys(buttons)).toEqual(['date-fns', 'Luxon'])
  await press(s, buttons.Luxon)
  expect(await decision).toEqual({
    behavior: 'allow',
    updatedInput: { questions: [LIBRARY], answers: { [LIBRARY.question]: 'Luxon' } },
  })
  const edit = await eventually(() => s.api.callsOf('editMessageText')[0])
  expect(edit.payload.text).toContain('➡️ <b>Luxon</b>')
  expect(edit.payload.reply_markup).toBeUndefined()
})

test('multi-select: toggles redraw the buttons, Done sends the labels joined with ", "', async () => {
  const s = setup()
  const decision = s.asker.ask(REF, request([FEATURES]), new AbortController().signal)
  let { buttons } = await buttonsOf(s.api, 0)
  expect(Object.keys(buttons)).toEqual(['☐ Auth', '☐ Search', '☐ Export', 'Done'])
  expect(await press(s, buttons.Done)).toEqual(['Pick at least one option first.'])
  ;({ buttons } = await buttonsOf(s.api, 0))
  await press(s, buttons['☐ Export'])
  ;({ buttons } = await buttonsOf(s.api, 0))
  await press(s, buttons['☐ Auth'])
  ;({ buttons } = await buttonsOf(s.api, 0))
  expect(Object.keys(buttons)).toEqual(['☑ Auth', '☐ Search', '☑ Export', 'Done (2)'])
  await press(s, buttons['Done (2)'])
  const answered = await decision
  expect(answered).toMatchObject({
    behavior: 'allow',
    updatedInput: { answers: { [FEATURES.question]: 'Auth, Export' } },
  })
})

test('several questions are asked in turn; a typed message answers the open one', async () => {
  const s = setup()
  const decision = s.asker.ask(REF, request([LIBRARY, FEATURES]), new AbortController().signal)
  const first = await buttonsOf(s.api, 0)
  expect(first.sent.payload.text).toContain('(1/2)')
  expect(s.asker.takeTypedAnswer({ chatId: OWNER }, 7, 'someone else')).toBe(false)
  expect(s.asker.takeTypedAnswer({ chatId: OWNER }, OWNER, 'Temporal, please')).toBe(true)
  const second = await buttonsOf(s.api, 1)
  expect(second.sent.payload.text).toContain('(2/2)')
  // The first question's buttons are gone for good.
  expect(s.callbacks.take(first.buttons.Luxon, OWNER)).toEqual({ ok: false, reason: 'expired' })
  expect(Object.keys(second.buttons)).toEqual(['☐ Auth', '☐ Search', '☐ Export', 'Done'])
  await press(s, second.buttons['☐ Search'])
  const redrawn = await buttonsOf(s.api, 1)
  await press(s, redrawn.buttons['Done (1)'])
  expect(await decision).toMatchObject({
    updatedInput: {
      answers: { [LIBRARY.question]: 'Temporal, please', [FEATURES.question]: 'Search' },
    },
  })
  expect(s.asker.takeTypedAnswer({ chatId: OWNER }, OWNER, 'late')).toBe(false)
})

test('a background session’s question takes presses only: typed text stays a prompt of the active one', async () => {
  const sessions = fakeSessions([sessionMeta()])
  sessions.activeId = 'another-session'
  const s = setup(sessions)
  void s.asker.ask(REF, request([LIBRARY]), new AbortController().signal)
  const { sent, buttons } = await buttonsOf(s.api, 0)
  expect(sent.payload.text).toContain('[main]')
  expect(s.asker.takeTypedAnswer({ chatId: OWNER }, OWNER, 'meant for the active session')).toBe(
    false,
  )
  expect(await press(s, buttons.Luxon)).toBeDefined()
})

test('unanswered when the driver gives up: denied, message says so', async () => {
  const s = setup()
  const controller = new AbortController()
  const decision = s.asker.ask(REF, request([LIBRARY]), controller.signal)
  await buttonsOf(s.api, 0)
  controller.abort(new Error('permission request timed out'))
  expect(await decision).toEqual({ behavior: 'deny', message: UNANSWERED_MESSAGE })
  const edit = await eventually(() => s.api.callsOf('editMessageText')[0])
  expect(edit.payload.text).toContain('No answer within 1 min')
})

test('input that is not a valid AskUserQuestion input is left to the normal prompt', async () => {
  const s = setup()
  expect(await s.asker.ask(REF, request([]), new AbortController().signal)).toBeUndefined()
  expect(parseQuestions({ questions: [{ question: 'x' }] })).toBeUndefined()
})

test('withAnswers keeps the rest of the input', () => {
  const questions = parseQuestions({ questions: [LIBRARY] }) ?? []
  expect(
    withAnswers({ questions: [LIBRARY], metadata: { source: 'x' } }, questions, [
      { kind: 'options', indexes: [0] },
    ]),
  ).toEqual({
    questions: [LIBRARY],
    metadata: { source: 'x' },
    answers: { [LIBRARY.question]: 'date-fns' },
  })
})
