import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { ask, messageIn } from './support/ask.js'
import { inlineButtons } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

const bot = useBotHarness({ allowedUsers: ALLOWED_IDS })

test('/new creates and switches; /sessions lists with switch buttons; a double tap is "expired"', async () => {
  const h = bot()
  const u = user(0)
  expect((await ask(h, '/new alpha', u)).text).toContain('Created session alpha (persona default)')
  expect((await ask(h, '/new beta research', u)).text).toContain('(persona research)')
  const list = await ask(h, '/sessions', u)
  expect(list.text).toMatch(/▶️ beta — active, research, just now, not running/)
  expect(list.text).toMatch(/• alpha — active, default, just now, not running/)
  expect(inlineButtons(list.replyMarkup).map((b) => b.text)).toEqual(['alpha'])

  // A double tap: both presses reach the bot before it removes the buttons.
  const press = h.press(list.messageId, 'alpha', u)
  h.press(list.messageId, 'alpha', u)
  const switched = await h.waitForReply(press, (m) => m.text.startsWith('Now in'), { chatId: u.id })
  expect(switched.text).toBe('Now in session alpha. Your messages go here.')
  const expired = await h.waitFor(() =>
    h.telegram.calls.find(
      (c) => c.method === 'answerCallbackQuery' && c.params.text === 'This button has expired.',
    ),
  )
  expect(expired.ok).toBe(true)
  await h.waitFor(() => inlineButtons(messageIn(h, u.id, list.messageId)?.replyMarkup).length === 0)
  expect((await ask(h, '/status', u)).text).toMatch(/^alpha \(active/)
  expect(h.chat(u.id).botMessages.filter((m) => m.text.startsWith('Now in'))).toHaveLength(1)
  expect(h.telegram.errors()).toEqual([])
})

test('/switch and /rename by name; unknown, bad and taken names get clear replies', async () => {
  const h = bot()
  const u = user(1)
  await ask(h, '/new one', u)
  await ask(h, '/new two', u)
  expect((await ask(h, '/switch one', u)).text).toBe('Now in session one. Your messages go here.')
  expect((await ask(h, '/rename uno', u)).text).toBe('Renamed one to uno.')
  expect((await ask(h, '/switch one', u)).text).toBe('No session named one. /sessions lists yours.')
  expect((await ask(h, '/rename bad/name', u)).text).toMatch(/^That name doesn’t work: use 1-64/)
  expect((await ask(h, '/new two', u)).text).toContain('A session named two already exists')
  expect((await ask(h, '/new <b>&x', u)).text).toContain('That name doesn’t work')
  expect(h.telegram.errors()).toEqual([])
})

test('commands missing what they need reply with their usage', async () => {
  const h = bot()
  const u = user(2)
  const cases: [string, string][] = [
    ['/new', 'Usage: /new <name> [persona] [directory] — e.g. /new homelab research'],
    ['/switch', 'Usage: /switch <name>'],
    ['/switch a b', 'Usage: /switch <name>'],
    ['/rename', 'Usage: /rename <new name>'],
    ['/delete', 'Usage: /delete <name>'],
    ['/persona', 'Usage: /persona <name>'],
    ['/model', 'Usage: /model <name>'],
    ['/mode sideways', 'Modes: default, acceptEdits, plan, dontAsk, auto.'],
    ['/get', 'Usage: /get <path>'],
    ['/status', 'You have no active session yet'],
    ['/new x nosuchpersona', 'No persona named nosuchpersona. Available: '],
    ['/new x relative/dir', 'The directory must be an absolute path'],
    ['/new x default ~/code', 'The directory must be an absolute path'],
  ]
  for (const [command, expected] of cases) {
    expect((await ask(h, command, u)).text, command).toContain(expected)
  }
  expect(h.telegram.errors()).toEqual([])
})

test('/new with a directory binds the session to it; a missing one is refused', async () => {
  const h = bot()
  const u = user(3)
  const reply = await ask(h, `/new proj default ${h.scratchDir}`, u)
  expect(reply.text).toContain(`in ${h.scratchDir} and switched`)
  expect((await ask(h, '/status', u)).text).toContain(`Directory (project): ${h.scratchDir}`)
  expect((await ask(h, '/new proj2 /does/not/exist', u)).text).toContain('does not exist')
  expect(h.telegram.errors()).toEqual([])
})

test('/delete asks first; Cancel keeps, Delete archives and says where', async () => {
  const h = bot()
  const u = user(4)
  await ask(h, '/new doomed', u)
  const first = await ask(h, '/delete doomed', u)
  expect(first.text).toContain('Delete session doomed?')
  h.press(first.messageId, 'Cancel', u)
  await h.waitFor(() => messageIn(h, u.id, first.messageId)?.text === 'Kept session doomed.')

  const second = await ask(h, '/delete doomed', u)
  h.press(second.messageId, 'Delete', u)
  const done = await h.waitFor(() => {
    const m = messageIn(h, u.id, second.messageId)
    return m?.text.startsWith('Deleted session doomed.') && m
  })
  const archiveDir = join(h.dataDir, 'archive', String(u.id))
  const [archived = ''] = await readdir(archiveDir)
  expect(done.text).toContain(join(archiveDir, archived))
  const meta = JSON.parse(await readFile(join(archiveDir, archived, 'metadata.json'), 'utf8'))
  expect(meta.name).toBe('doomed')
  expect((await ask(h, '/switch doomed', u)).text).toContain('No session named doomed')
  expect(h.telegram.errors()).toEqual([])
})

test('buttons are only for the user they were made for', async () => {
  const h = bot()
  const owner = user(5)
  const other = user(6)
  await ask(h, '/new mine', owner)
  const confirm = await ask(h, '/delete mine', owner)
  const data = inlineButtons(confirm.replyMarkup)[0]?.callback_data ?? ''
  // Another allowed user replays the owner's button data in their own chat.
  await ask(h, '/help', other)
  const otherMessage = h.chat(other.id).botMessages.at(-1)
  expect(otherMessage).toBeDefined()
  const press = h.telegram.userPresses(
    other,
    { chatId: owner.id, messageId: confirm.messageId },
    data,
  )
  expect(press).toBeDefined()
  await h.waitFor(() =>
    h.telegram.calls.find(
      (c) => c.method === 'answerCallbackQuery' && c.params.text === 'These buttons are not yours.',
    ),
  )
  expect((await ask(h, '/status', owner)).text).toMatch(/^mine/)
  expect(h.telegram.errors()).toEqual([])
})
