import { mkdtemp, readFile, rm } from 'node:fs/promises'
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
import { telegramError } from '../telegram/testing/fake-call-api.js'
import { AuditLog } from './audit-log.js'
import { EXPIRED_TEXT } from './button-press.js'
import { DENIED_MESSAGE, PermissionPrompter, UNSHOWN_MESSAGE } from './permission-prompter.js'

const OWNER = 42
let dir: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'prompter-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

function setup() {
  const { api, outbox } = makeOutbox()
  const callbacks = new CallbackStore<CallbackAction>()
  const sessions = fakeSessions(
    [sessionMeta({ workingDirectory: '/w' }), sessionMeta({ id: 's-bg', name: 'work' })],
    dir,
  )
  const audit = new AuditLog({ sessionDirectory: () => dir, logger: silentLogger })
  const prompter = new PermissionPrompter({
    outbox,
    callbacks,
    sessions,
    audit,
    logger: silentLogger,
    chatFor: () => undefined,
    timeoutMs: 60_000,
  })
  return { api, callbacks, sessions, audit, prompter }
}

function request(overrides: Partial<PermissionRequest> = {}): PermissionRequest {
  return {
    requestId: 'r1',
    turnId: 't1',
    toolName: 'Bash',
    displayName: undefined,
    input: { command: 'rm -rf build && echo "<done>"', description: 'clean' },
    description: undefined,
    toolUseId: 'tu1',
    blockedPath: undefined,
    suggestions: [],
    alwaysRule: undefined,
    ...overrides,
  }
}

/** The prompt message and its buttons' callback data by label. */
async function promptOf(api: ReturnType<typeof setup>['api']) {
  const sent = await eventually(() => api.callsOf('sendMessage')[0])
  const rows = (
    sent.payload.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }
  ).inline_keyboard
  const buttons = Object.fromEntries(rows.flat().map((b) => [b.text, b.callback_data]))
  return { sent, buttons }
}

/** Presses like the callback router does: the store resolves the data, then the handler runs. */
async function press(s: ReturnType<typeof setup>, data: string | undefined, userId = OWNER) {
  const { ctx, toasts } = pressContext(userId)
  const taken = s.callbacks.take(data, userId)
  if (!taken.ok) return { taken, toasts }
  const action = taken.action
  if (action.type !== 'permission') throw new Error('not a permission button')
  await s.prompter.handlePress(ctx, action)
  return { taken, toasts }
}

const RULE = 'Bash(rm -rf build && echo "<done>")'

test('the prompt says exactly what is wanted, to the owner, with the rule "Always" saves', async () => {
  const s = setup()
  void s.prompter.ask(
    { owner: String(OWNER), id: 's-main' },
    request({ alwaysRule: RULE }),
    new AbortController().signal,
  )
  const { sent, buttons } = await promptOf(s.api)
  expect(sent.payload.chat_id).toBe(OWNER)
  expect(sent.payload.parse_mode).toBe('HTML')
  expect(sent.payload.text).toContain('<b>Bash</b> asks for permission')
  expect(sent.payload.text).toContain('rm -rf build &amp;&amp; echo "&lt;done&gt;"')
  expect(sent.payload.text).toContain(
    '<i>Always</i> allows <code>Bash(rm -rf build &amp;&amp; echo "&lt;done&gt;")</code> in this session.',
  )
  expect(Object.keys(buttons)).toEqual(['✅ Allow', '🚫 Deny', '✅ Always allow in this session'])
  for (const data of Object.values(buttons)) expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64)
  expect(s.api.callsOf('sendDocument')).toEqual([]) // everything fits: no attachment
})

test('without a narrow rule there is no "Always" button', async () => {
  const s = setup()
  void s.prompter.ask(
    { owner: String(OWNER), id: 's-main' },
    request(),
    new AbortController().signal,
  )
  const { sent, buttons } = await promptOf(s.api)
  expect(Object.keys(buttons)).toEqual(['✅ Allow', '🚫 Deny'])
  expect(sent.payload.text).not.toContain('Always')
})

test.each([
  ['✅ Allow', { behavior: 'allow' }, 'Allowed'],
  [
    '✅ Always allow in this session',
    { behavior: 'allow', always: true },
    'Always allowed in this session:</b> <code>Bash(rm -rf build &amp;&amp; echo "&lt;done&gt;")</code>',
  ],
  ['🚫 Deny', { behavior: 'deny', message: DENIED_MESSAGE }, 'Denied'],
])('pressing %s resolves the request and shows the decision', async (label, decision, shown) => {
  const s = setup()
  const answer = s.prompter.ask(
    { owner: String(OWNER), id: 's-main' },
    request({ alwaysRule: RULE }),
    new AbortController().signal,
  )
  const { sent, buttons } = await promptOf(s.api)
  await press(s, buttons[label])
  expect(await answer).toEqual(decision)
  const edit = await eventually(() => s.api.callsOf('editMessageText')[0])
  expect(edit.payload.message_id).toBe(100)
  expect(edit.payload.text).toContain(sent.payload.text as string)
  expect(edit.payload.text).toContain(shown)
  expect(edit.payload.reply_markup).toBeUndefined() // buttons removed
  await s.audit.idle()
  const line = JSON.parse((await readFile(join(dir, 'audit.log'), 'utf8')).trim())
  expect(line).toMatchObject({
    userId: OWNER,
    tool: 'Bash',
    sessionName: 'main',
    decidedBy: 'user',
  })
  expect(line.rule).toBe(label.includes('Always') ? RULE : undefined)
})

test('only the owner can answer; a repeated press is expired', async () => {
  const s = setup()
  const answer = s.prompter.ask(
    { owner: String(OWNER), id: 's-main' },
    request(),
    new AbortController().signal,
  )
  const { buttons } = await promptOf(s.api)
  const stranger = await press(s, buttons['✅ Allow'], 7)
  expect(stranger.taken).toEqual({ ok: false, reason: 'not_owner' })
  const first = await press(s, buttons['🚫 Deny'])
  expect(first.toasts).toEqual(['Denied'])
  expect((await answer).behavior).toBe('deny')
  const again = await press(s, buttons['✅ Allow'])
  expect(again.taken).toEqual({ ok: false, reason: 'expired' })
  // A press reaching the handler after the decision (a double tap raced the store) is expired too.
  const { ctx, toasts } = pressContext(OWNER)
  await s.prompter.handlePress(ctx, { type: 'permission', requestKey: 'gone', choice: 'allow' })
  expect(toasts).toEqual([EXPIRED_TEXT])
})

test('a timeout expires the buttons, edits the message and denies', async () => {
  const s = setup()
  const controller = new AbortController()
  const answer = s.prompter.ask(
    { owner: String(OWNER), id: 's-main' },
    request(),
    controller.signal,
  )
  const { buttons } = await promptOf(s.api)
  controller.abort(new Error('permission request timed out'))
  expect(await answer).toEqual({ behavior: 'deny', message: DENIED_MESSAGE })
  const edit = await eventually(() => s.api.callsOf('editMessageText')[0])
  expect(edit.payload.text).toContain('No answer within 1 min, so this was denied.')
  expect(edit.payload.reply_markup).toBeUndefined()
  expect((await press(s, buttons['✅ Allow'])).taken).toEqual({ ok: false, reason: 'expired' })
  expect(s.prompter.open).toBe(0)
  await s.audit.idle()
  const line = JSON.parse((await readFile(join(dir, 'audit.log'), 'utf8')).trim())
  expect(line).toMatchObject({ userId: null, answer: 'deny', decidedBy: 'timeout' })
})

test('a cancelled request (turn ended) says so', async () => {
  const s = setup()
  const controller = new AbortController()
  const answer = s.prompter.ask(
    { owner: String(OWNER), id: 's-main' },
    request(),
    controller.signal,
  )
  await promptOf(s.api)
  controller.abort(new Error('permission request cancelled'))
  expect((await answer).behavior).toBe('deny')
  const edit = await eventually(() => s.api.callsOf('editMessageText')[0])
  expect(edit.payload.text).toContain('Cancelled')
})

test('a prompt from a background session is labelled with its name', async () => {
  const s = setup()
  void s.prompter.ask({ owner: String(OWNER), id: 's-bg' }, request(), new AbortController().signal)
  const { sent } = await promptOf(s.api)
  expect(sent.payload.text).toMatch(/^<b>\[work\]<\/b> /)
})

test('Edit requests show the file and a short diff', async () => {
  const s = setup()
  const input = { file_path: '/w/src/app.ts', old_string: 'const a = 1', new_string: 'const a = 2' }
  void s.prompter.ask(
    { owner: String(OWNER), id: 's-main' },
    request({ toolName: 'Edit', input }),
    new AbortController().signal,
  )
  const { sent } = await promptOf(s.api)
  expect(sent.payload.text).toContain('File: <code>/w/src/app.ts</code>\n')
  expect(sent.payload.text).toContain('- const a = 1\n+ const a = 2')
})

const LONG_COMMAND = `echo ${'a'.repeat(5000)}; touch pwned`

/** The document an InputFile payload carries, as text. */
function documentText(payload: Record<string, unknown>): string {
  const file = payload.document as { source: Buffer; filename: string }
  return file.source.toString('utf8')
}

test('a command too long for the message goes first as a file; the prompt replies to it', async () => {
  const s = setup()
  const answer = s.prompter.ask(
    { owner: String(OWNER), id: 's-main' },
    request({ input: { command: LONG_COMMAND } }),
    new AbortController().signal,
  )
  const { sent, buttons } = await promptOf(s.api)
  const [doc] = s.api.callsOf('sendDocument')
  expect(s.api.calls.indexOf(doc as never)).toBeLessThan(s.api.calls.indexOf(sent))
  expect(documentText(doc?.payload ?? {})).toContain(LONG_COMMAND)
  expect(String(doc?.payload.caption)).toContain('The full input of the Bash request below')
  expect(String(doc?.payload.caption).length).toBeLessThanOrEqual(1024)
  expect(sent.payload.reply_parameters).toMatchObject({ message_id: 100 })
  expect(sent.payload.text).not.toContain('touch pwned')
  expect(sent.payload.text).toMatch(/Showing the first [\d,]+ of 5,018 characters/)
  await press(s, buttons['🚫 Deny'])
  expect((await answer).behavior).toBe('deny')
  await s.audit.idle()
  const line = JSON.parse((await readFile(join(dir, 'audit.log'), 'utf8')).trim())
  expect(line.input).toBeUndefined()
  const side = JSON.parse(await readFile(join(dir, line.inputFile), 'utf8'))
  expect(side.command).toBe(LONG_COMMAND)
})

test('when the file cannot be sent the request is denied, and no Allow is ever offered', async () => {
  const { api, outbox } = makeOutbox((call) => {
    if (call.method === 'sendDocument') throw telegramError(400, 'Bad Request: file is too big')
    return undefined
  })
  const audit = new AuditLog({ sessionDirectory: () => dir, logger: silentLogger })
  const prompter = new PermissionPrompter({
    outbox,
    callbacks: new CallbackStore<CallbackAction>(),
    sessions: fakeSessions([sessionMeta({ workingDirectory: '/w' })], dir),
    audit,
    logger: silentLogger,
    chatFor: () => undefined,
    timeoutMs: 60_000,
  })
  const answer = await prompter.ask(
    { owner: String(OWNER), id: 's-main' },
    request({ input: { command: LONG_COMMAND } }),
    new AbortController().signal,
  )
  expect(answer).toEqual({ behavior: 'deny', message: UNSHOWN_MESSAGE })
  const notice = await eventually(() => api.callsOf('sendMessage')[0])
  expect(notice.payload.text).toContain('the full input could not be sent as a file')
  expect(notice.payload.reply_markup).toBeUndefined()
  expect(prompter.open).toBe(0)
  await audit.idle()
  const line = JSON.parse((await readFile(join(dir, 'audit.log'), 'utf8')).trim())
  expect(line).toMatchObject({ answer: 'deny', decidedBy: 'error', userId: null })
})
