import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { PermissionRequest } from '@switchboard/process'
import { afterEach, beforeEach, expect, test } from 'vitest'
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
import type { Responder } from '../telegram/testing/fake-call-api.js'
import { telegramError } from '../telegram/testing/fake-call-api.js'
import { AuditLog } from './audit-log.js'
import {
  feedbackMessage,
  KEEP_PLANNING_MESSAGE,
  PLAN_UNANSWERED_MESSAGE,
  PLAN_UNSHOWN_MESSAGE,
  PlanApprover,
  planDecision,
} from './plan-approval.js'
import { typedReplies } from './typed-reply.js'

const OWNER = 42
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plans-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function setup(responder?: Responder, activeId?: string) {
  const { api, outbox } = makeOutbox(responder)
  const callbacks = new CallbackStore<CallbackAction>()
  const sessions = fakeSessions([sessionMeta({ workingDirectory: '/w' })], dir)
  if (activeId) sessions.activeId = activeId
  const plans = new PlanApprover({
    outbox,
    callbacks,
    sessions,
    audit: new AuditLog({ sessionDirectory: () => dir, logger: silentLogger }),
    logger: silentLogger,
    chatFor: () => undefined,
    timeoutMs: 60_000,
  })
  return { api, callbacks, plans }
}

function request(input: Record<string, unknown>): PermissionRequest {
  return {
    requestId: 'r1',
    turnId: 't1',
    toolName: 'ExitPlanMode',
    displayName: undefined,
    input,
    description: undefined,
    toolUseId: 'tu1',
    blockedPath: undefined,
    suggestions: [],
    alwaysRule: undefined,
  }
}

const ref = { owner: String(OWNER), id: sessionMeta().id }
const PLAN = { plan: '# Plan\n\n1. **Do** it', planFilePath: '/h/.claude/plans/p.md' }

/** The choices message and its buttons' callback data by label. */
async function choicesOf(api: ReturnType<typeof setup>['api']) {
  const sent = await eventually(() =>
    api.callsOf('sendMessage').find((c) => c.payload.reply_markup !== undefined),
  )
  const rows = (
    sent.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }
  ).inline_keyboard
  return { sent, buttons: Object.fromEntries(rows.flat().map((b) => [b.text, b.callback_data])) }
}

async function press(s: ReturnType<typeof setup>, data: string | undefined) {
  const { ctx, toasts } = pressContext(OWNER)
  const taken = s.callbacks.take(data, OWNER)
  if (!taken.ok || taken.action.type !== 'plan') throw new Error('not a plan button')
  await s.plans.handlePress(ctx, taken.action)
  return toasts
}

test('each choice is the answer the CLI expects', () => {
  expect(planDecision({ kind: 'choice', choice: 'auto' })).toEqual({
    behavior: 'allow',
    mode: 'acceptEdits',
  })
  expect(planDecision({ kind: 'choice', choice: 'ask' })).toEqual({
    behavior: 'allow',
    mode: 'default',
  })
  expect(planDecision({ kind: 'choice', choice: 'keep' })).toEqual({
    behavior: 'deny',
    message: KEEP_PLANNING_MESSAGE,
  })
  expect(planDecision({ kind: 'typed', text: 'more tests' })).toEqual({
    behavior: 'deny',
    message: feedbackMessage('more tests'),
  })
})

test('the plan goes first (rendered, quiet), then the choices replying to it; a press decides', async () => {
  const s = setup()
  const decision = s.plans.ask(ref, request(PLAN), new AbortController().signal)
  const { sent, buttons } = await choicesOf(s.api)
  const [plan] = s.api.callsOf('sendMessage')
  expect(plan?.payload.text).toContain('<b>Do</b>')
  expect(plan?.payload.disable_notification).toBe(true)
  expect(sent.payload.text).toContain('Claude’s plan is ready')
  expect(sent.payload.text).toContain('/h/.claude/plans/p.md')
  expect(sent.payload.reply_parameters).toMatchObject({ message_id: 100 })
  expect(Object.keys(buttons)).toEqual([
    '✅ Approve, auto-accept edits',
    '✅ Approve, ask before edits',
    '✏️ Keep planning',
  ])
  const toasts = await press(s, buttons['✅ Approve, auto-accept edits'])
  expect(await decision).toEqual({ behavior: 'allow', mode: 'acceptEdits' })
  expect(toasts).toEqual(['Approved: Claude edits without asking'])
  const edit = await eventually(() => s.api.callsOf('editMessageText')[0])
  expect(edit.payload.text).toContain('Approved')
  expect(s.plans.waiting).toBe(0)
})

test('typed text in the same chat is feedback; elsewhere or from someone else it is not taken', async () => {
  const s = setup()
  const taker = typedReplies({ takeTypedAnswer: () => false }, s.plans)
  const decision = s.plans.ask(ref, request(PLAN), new AbortController().signal)
  await choicesOf(s.api)
  expect(taker.takeTypedAnswer({ chatId: 7 }, OWNER, 'x')).toBe(false)
  expect(taker.takeTypedAnswer({ chatId: OWNER }, 7, 'x')).toBe(false)
  expect(taker.takeTypedAnswer({ chatId: OWNER, threadId: 3 }, OWNER, 'x')).toBe(false)
  expect(taker.takeTypedAnswer({ chatId: OWNER }, OWNER, 'split step 2')).toBe(true)
  expect(await decision).toEqual({ behavior: 'deny', message: feedbackMessage('split step 2') })
  expect(taker.takeTypedAnswer({ chatId: OWNER }, OWNER, 'again')).toBe(false)
})

test('a background session’s plan is not answered by typed text meant for the active session', async () => {
  const s = setup(undefined, 'another-session')
  void s.plans.ask(ref, request(PLAN), new AbortController().signal)
  await choicesOf(s.api)
  expect(s.plans.takeTypedAnswer({ chatId: OWNER }, OWNER, 'for the active one')).toBe(false)
  expect(s.plans.waiting).toBe(1)
})

test('no plan in the input: no plan message, the choices say there is none', async () => {
  const s = setup()
  void s.plans.ask(ref, request({}), new AbortController().signal)
  const { sent } = await choicesOf(s.api)
  expect(s.api.callsOf('sendMessage')).toHaveLength(1)
  expect(sent.payload.text).toContain('no plan to show')
})

test('a plan that cannot be sent is never offered for approval', async () => {
  const s = setup((call) => {
    if (call.method === 'sendMessage' && !call.payload.reply_markup)
      throw telegramError(403, 'Forbidden: bot was blocked by the user')
    return undefined
  })
  const decision = await s.plans.ask(ref, request(PLAN), new AbortController().signal)
  expect(decision).toEqual({ behavior: 'deny', message: PLAN_UNSHOWN_MESSAGE })
  expect(s.api.callsOf('sendMessage').some((c) => c.payload.reply_markup)).toBe(false)
})

test('the driver giving up denies and expires the buttons', async () => {
  const s = setup()
  const controller = new AbortController()
  const decision = s.plans.ask(ref, request(PLAN), controller.signal)
  const { buttons } = await choicesOf(s.api)
  controller.abort(new Error('permission request timed out'))
  expect(await decision).toEqual({ behavior: 'deny', message: PLAN_UNANSWERED_MESSAGE })
  expect(s.callbacks.take(buttons['✏️ Keep planning'], OWNER).ok).toBe(false)
  const edit = await eventually(() => s.api.callsOf('editMessageText')[0])
  expect(edit.payload.text).toContain('No answer within')
})
