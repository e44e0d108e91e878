import { mkdir, symlink, truncate, writeFile } from 'node:fs/promises'
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
