// Commands when the bot has Threaded Mode: each session lives in its own topic of the user's chat.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { sessionsOf } from './conversation-support.js'
import type { ChatMessage, FakeUser } from './support/fakes.js'
import { type BotHarness, inlineButtons } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

const bot = useBotHarness({
  allowedUsers: ALLOWED_IDS,
  telegram: { topics: { enabled: true, usersCanCreate: true } },
})

/** The topic of `u`'s chat named `name`, once it exists. */
function topicNamed(h: BotHarness, u: FakeUser, name: string) {
  return h.waitFor(() => h.chat(u.id).topics.find((t) => t.name === name))
}

/** The first bot message in topic `threadId` of `u`'s chat that matches. */
function inTopic(
  h: BotHarness,
  u: FakeUser,
  threadId: number,
  predicate: (m: ChatMessage) => boolean,
): Promise<ChatMessage> {
  return h.waitForBotMessage(predicate, { chatId: u.id, threadId, timeoutMs: 30_000 })
}

/** `/new name` typed in the general view: the session's topic, once the bot answered in it. */
async function newSession(h: BotHarness, u: FakeUser, name: string): Promise<number> {
  h.send(`/new ${name}`, u)
  const topic = await topicNamed(h, u, name)
  await inTopic(h, u, topic.threadId, (m) => m.text.startsWith(`Created session ${name} `))
  return topic.threadId
}

test('/new makes a topic and answers in it; two sessions answer at once with no /switch', async () => {
  const h = bot()
  const u = user(0)
  h.send('/new alpha', u)
  const alpha = (await topicNamed(h, u, 'alpha')).threadId
  const created = await inTopic(h, u, alpha, (m) => m.text.startsWith('Created session alpha'))
  expect(created.text).toBe('Created session alpha (persona default). Write here to talk to it.')
  const ready = await h.waitForBotMessage((m) => m.text.includes('ready in its own topic'), {
    chatId: u.id,
    threadId: null,
  })
  expect(ready.text).toBe('Session alpha is ready in its own topic.')

  // /new typed inside another session's topic: the pointer goes there, the answer to the new topic.
  h.send('/new beta research', { from: u, threadId: alpha })
  const beta = (await topicNamed(h, u, 'beta')).threadId
  expect(beta).not.toBe(alpha)
  const betaCreated = await inTopic(h, u, beta, (m) => m.text.startsWith('Created session beta'))
  expect(betaCreated.text).toContain('(persona research)')
  await inTopic(h, u, alpha, (m) => m.text === 'Session beta is ready in its own topic.')

  // beta is the active session now; alpha's topic still talks to alpha, while beta answers too.
  h.send('SLOW:8000:alpha is done', { from: u, threadId: alpha })
  h.send('hello beta', { from: u, threadId: beta })
  await inTopic(h, u, beta, (m) => m.text === 'echo: hello beta')
  const alphaTexts = h.chat(u.id, alpha).botMessages.map((m) => m.text)
  expect(alphaTexts).not.toContain('alpha is done') // still answering: side by side
  await inTopic(h, u, alpha, (m) => m.text === 'alpha is done')
  // Nothing of either answer leaked into the other topic or the general view.
  const general = h.chat(u.id).botMessages.filter((m) => m.threadId === undefined)
  expect(general.map((m) => m.text)).toEqual(['Session alpha is ready in its own topic.'])
  expect(h.chat(u.id, beta).botMessages.map((m) => m.text)).not.toContain('alpha is done')
  expect(h.telegram.errors()).toEqual([])
})

test('a permission prompt lands in its session’s topic, and Allow runs the tool there', async () => {
  const h = bot()
  const u = user(1)
  const gamma = await newSession(h, u, 'gamma')
  await newSession(h, u, 'other') // the active session is another one
  h.send('TOOL:Bash:touch allowed.txt', { from: u, threadId: gamma })
  const prompt = await inTopic(h, u, gamma, (m) => m.text.includes('asks for permission'))
  expect(prompt.text).toContain('touch allowed.txt')
  h.press(prompt.messageId, '✅ Allow', u)
  await inTopic(h, u, gamma, (m) => m.text.startsWith('tool result:'))
  expect(h.chat(u.id).botMessages.filter((m) => m.text.includes('asks for permission'))).toEqual([
    expect.objectContaining({ threadId: gamma }),
  ])
  expect(h.telegram.errors()).toEqual([])
})

test('commands in a topic act on its session; the general view keeps the active one', async () => {
  const h = bot()
  const u = user(2)
  const delta = await newSession(h, u, 'delta')
  await newSession(h, u, 'epsilon') // active
  h.send('/status', { from: u, threadId: delta })
  expect((await inTopic(h, u, delta, (m) => m.text.includes('Persona:'))).text).toMatch(
    /^delta \(active/,
  )
  h.send('/model sonnet', { from: u, threadId: delta })
  await inTopic(h, u, delta, (m) => m.text.startsWith('Session delta uses model sonnet'))
  const status = h.send('/status', u)
  const general = await h.waitForReply(status, (m) => m.text.includes('Persona:'), {
    chatId: u.id,
    threadId: null,
  })
  expect(general.text).toMatch(/^epsilon \(active/)
  expect(general.text).toContain('Model: default')

  h.send('/switch epsilon', { from: u, threadId: delta })
  const noSwitch = await inTopic(h, u, delta, (m) => m.text.includes('no need for /switch'))
  expect(noSwitch.text).toContain('This topic is session delta')

  const deltaMeta = (await sessionsOf(h, u)).find((m) => m.name === 'delta')
  await writeFile(join(deltaMeta?.workingDirectory ?? '', 'note.txt'), 'from delta\n')
  h.send('/get note.txt', { from: u, threadId: delta })
  const file = await inTopic(h, u, delta, (m) => m.document !== undefined)
  expect(file.document?.bytes.toString()).toBe('from delta\n')
  expect(file.text).toBe('note.txt from delta')

  h.send('/help', { from: u, threadId: delta })
  const help = await inTopic(h, u, delta, (m) => m.text.startsWith('Switchboard runs'))
  expect(help.text).toContain('This topic is session delta (persona default).')
  expect(help.text).toContain('Each session has its own topic')
  expect(h.telegram.errors()).toEqual([])
})

test('/stop in a topic stops that topic’s session, not the active one', async () => {
  const h = bot()
  const u = user(5)
  const kappa = await newSession(h, u, 'kappa')
  await newSession(h, u, 'lambda') // active
  h.send('SLOW:20000:a very slow answer', { from: u, threadId: kappa })
  await h.waitFor(
    () => h.anthropic.turnRequests().some((r) => r.prompt === 'SLOW:20000:a very slow answer'),
    30_000,
  )
  h.send('/stop', { from: u, threadId: kappa })
  // The turn's own final says it was stopped (after the partial answer, if any).
  await inTopic(h, u, kappa, (m) => m.text.includes('Stopped.'))
  h.send('/stop', u)
  const general = await h.waitForBotMessage((m) => m.text.startsWith('Nothing is running'), {
    chatId: u.id,
    threadId: null,
  })
  expect(general.text).toBe('Nothing is running in lambda.')
  expect(h.telegram.errors()).toEqual([])
})

test('/sessions offers each session’s topic; a press posts a line inside it', async () => {
  const h = bot()
  const u = user(3)
  const zeta = await newSession(h, u, 'zeta')
  await newSession(h, u, 'eta')
  const list = h.send('/sessions', u)
  const reply = await h.waitForReply(list, (m) => m.text.startsWith('Your sessions'), {
    chatId: u.id,
  })
  expect(reply.text).toContain('Tap a session to open its topic.')
  expect(inlineButtons(reply.replyMarkup).map((b) => b.text)).toEqual(['💬 eta', '💬 zeta'])
  h.press(reply.messageId, '💬 zeta', u)
  await inTopic(h, u, zeta, (m) => m.text === 'zeta — write here to talk to it.')
  // Each button is its own: the list still opens the other topic.
  expect(
    inlineButtons(h.chat(u.id).messages.find((m) => m.messageId === reply.messageId)?.replyMarkup),
  ).toHaveLength(2)
  expect(h.telegram.errors()).toEqual([])
})

test('/rename renames the topic; /delete in the topic asks there and closes it', async () => {
  const h = bot()
  const u = user(4)
  const theta = await newSession(h, u, 'theta')
  h.send('/rename iota', { from: u, threadId: theta })
  await inTopic(h, u, theta, (m) => m.text === 'Renamed theta to iota.')
  await h.waitFor(() => h.chat(u.id).topics.find((t) => t.threadId === theta)?.name === 'iota')

  h.send('/delete', { from: u, threadId: theta })
  const confirm = await inTopic(h, u, theta, (m) => m.text.startsWith('Delete session iota?'))
  h.press(confirm.messageId, 'Delete', u)
  await h.waitFor(() =>
    h
      .chat(u.id)
      .messages.find(
        (m) => m.messageId === confirm.messageId && m.text.startsWith('Deleted session iota.'),
      ),
  )
  await h.waitFor(() => h.chat(u.id).topics.find((t) => t.threadId === theta)?.closed)
  // The user's messages stay: closing never deletes them.
  expect(h.chat(u.id, theta).messages.some((m) => !m.fromBot && m.text === '/delete')).toBe(true)
  expect(h.telegram.errors()).toEqual([])
})

test('"open" on a session whose topic the user deleted gives it a new topic', async () => {
  const h = bot()
  const u = user(6)
  const kappa = await newSession(h, u, 'kappa')
  h.telegram.userDeletesTopic(u.id, kappa)
  const list = h.send('/sessions', u)
  const reply = await h.waitForReply(list, (m) => m.text.startsWith('Your sessions'), {
    chatId: u.id,
  })
  h.press(reply.messageId, '💬 kappa', u)
  const fresh = await h.waitFor(() =>
    h.chat(u.id).topics.find((t) => t.name === 'kappa' && t.threadId !== kappa),
  )
  await inTopic(h, u, fresh.threadId, (m) => m.text === 'kappa — write here to talk to it.')
  // The line that landed outside the deleted topic says what happened instead of "write here".
  await h.waitForBotMessage((m) => m.text === 'The topic of kappa was gone, so it has a new one.', {
    chatId: u.id,
  })
  // Telegram's refusals of the deleted topic are the only errors.
  const others = h.telegram.errors().filter((e) => !/thread not found/.test(e.description ?? ''))
  expect(others).toEqual([])
})
