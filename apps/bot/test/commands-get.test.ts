import { mkdir, rename, symlink, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { ask } from './support/ask.js'
import { useBotHarness } from './support/use-bot-harness.js'

const bot = useBotHarness()

test('/get sends files from inside the session directory and refuses everything else', async () => {
  const h = bot()
  const project = join(h.scratchDir, 'project')
  const secret = join(h.scratchDir, 'secret.txt')
  await mkdir(join(project, 'src'), { recursive: true })
  await writeFile(join(project, 'src', 'app.ts'), 'export const answer = 42\n')
  await writeFile(secret, 'do not send\n')
  await symlink(secret, join(project, 'escape.txt'))
  await symlink(h.scratchDir, join(project, 'up'))
  await writeFile(join(project, 'big.bin'), '')
  await truncate(join(project, 'big.bin'), 51 * 1024 * 1024) // sparse: no real disk use
  await writeFile(join(project, 'empty.txt'), '')
  await ask(h, `/new files default ${project}`)

  const sent = await ask(h, '/get src/app.ts')
  expect(sent.document?.name).toBe('app.ts')
  expect(sent.document?.bytes.toString()).toBe('export const answer = 42\n')
  expect(sent.text).toBe('src/app.ts from files')
  const absolute = await ask(h, `/get ${join(project, 'src/app.ts')}`)
  expect(absolute.document?.name).toBe('app.ts')

  const refusals: [string, string][] = [
    ['/get ../secret.txt', '../secret.txt is outside the session’s directory'],
    [`/get ${secret}`, `${secret} is outside the session’s directory`],
    ['/get escape.txt', 'escape.txt is outside the session’s directory'],
    ['/get up/secret.txt', 'up/secret.txt is outside the session’s directory'],
    ['/get big.bin', 'big.bin is 51.0 MB; Telegram bots can only send files up to 50 MB.'],
    ['/get src', 'src is not a regular file'],
    ['/get nope.txt', 'There is no file nope.txt in the session’s directory.'],
    ['/get empty.txt', 'empty.txt is empty'],
  ]
  for (const [command, expected] of refusals) {
    const reply = await ask(h, command)
    expect(reply.text, command).toContain(expected)
    expect(reply.document, command).toBeUndefined()
  }
  expect(h.telegram.errors()).toEqual([])
})

test('/get sends the file it checked: a symlink swapped in during a 429 retry is not followed', async () => {
  const h = bot()
  const project = join(h.scratchDir, 'swap-project')
  const secret = join(h.scratchDir, 'passwd')
  await mkdir(project, { recursive: true })
  await writeFile(join(project, 'notes.txt'), 'the original notes\n')
  await writeFile(secret, 'root:x:0:0:secret\n')
  await ask(h, `/new swap default ${project}`)

  h.telegram.failNext('sendDocument', { status: 429, retryAfter: 2 })
  const update = h.send('/get notes.txt')
  await h.waitFor(() => h.telegram.calls.some((c) => c.method === 'sendDocument' && c.injected))
  // While the bot waits out retry_after, notes.txt becomes a symlink to the secret.
  await symlink(secret, join(project, 'notes.link'))
  await rename(join(project, 'notes.link'), join(project, 'notes.txt'))
  const sent = await h.waitForReply(update, (m) => m.document !== undefined)
  expect(sent.document?.bytes.toString()).toBe('the original notes\n')
  expect(sent.document?.name).toBe('notes.txt')
  // Asked again now, the path leads outside: refused.
  const again = await ask(h, '/get notes.txt')
  expect(again.text).toContain('notes.txt is outside the session’s directory')
  expect(h.telegram.errors()).toEqual([])
})
