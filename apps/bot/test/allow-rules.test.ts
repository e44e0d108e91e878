import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { allowedRange, freshUser, sessionsOf, waitForMessage } from './conversation-support.js'
import { ask } from './support/ask.js'
import { inlineButtons } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'

const bot = useBotHarness({ allowedUsers: allowedRange() })

test('/status lists the "always" rules (also after a restart) and Forget removes one', {
  timeout: 120_000,
}, async () => {
  const h = bot()
  const user = freshUser()
  const command = 'TOOL:Bash:python3 missing.py'
  h.send(command, user)
  const prompt = await waitForMessage(h, user, (m) => m.text.includes('asks for permission'))
  h.press(prompt.messageId, /Always/, user)
  await waitForMessage(h, user, (m) => m.text.startsWith('tool result:'))
  const [session] = await sessionsOf(h, user)
  const file = join(
    h.dataDir,
    'sessions',
    String(user.id),
    session?.id ?? '',
    'permission-rules.json',
  )
  await h.waitFor(async () => (await readFile(file, 'utf8').catch(() => '')).includes('python3'))

  await h.restart()
  const status = await ask(h, '/status', user)
  expect(status.text).toContain('Always allowed in this session (1):\n1. Bash(python3 missing.py)')
  expect(inlineButtons(status.replyMarkup).map((b) => b.text)).toEqual(['Forget 1'])

  // After the restart the rule still applies: no prompt this time.
  const again = h.send(command, user)
  const answer = await h.waitForReply(again, (m) => m.text.startsWith('tool result:'), {
    chatId: user.id,
  })
  const between = h
    .chat(user.id)
    .messages.filter((m) => m.messageId > status.messageId && m.messageId < answer.messageId)
  expect(between.some((m) => m.text.includes('asks for permission'))).toBe(false)

  h.press(status.messageId, 'Forget 1', user)
  const forgot = await waitForMessage(h, user, (m) => m.text.startsWith('Forgot'))
  expect(forgot.text).toContain('Bash(python3 missing.py)')
  expect(JSON.parse(await readFile(file, 'utf8')).rules).toEqual([])
  expect((await ask(h, '/status', user)).text).toContain('Always allowed: nothing')

  h.send(command, user)
  await h.waitForReply(forgot.messageId, (m) => m.text.includes('asks for permission'), {
    chatId: user.id,
  })
  expect(h.telegram.errors()).toEqual([])
})
