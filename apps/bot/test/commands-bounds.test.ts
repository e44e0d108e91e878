import { expect, test } from 'vitest'
import { ask } from './support/ask.js'
import { useBotHarness } from './support/use-bot-harness.js'

const bot = useBotHarness({ env: { SWITCHBOARD_MAX_SESSIONS: '3' } })
const huge = (c: string) => c.repeat(5_000)

test('huge arguments get a reply Telegram accepts, quoting a bounded excerpt', async () => {
  const h = bot()
  await ask(h, '/new first')
  const commands = [
    `/get ${huge('a')}`,
    `/get ${huge('<')}`,
    `/new ${huge('n')}`,
    `/new other ${huge('p')}`,
    `/new other default /${huge('d')}`,
    `/switch ${huge('s')}`,
    `/rename ${huge('r')}`,
    `/persona ${huge('p')}`,
    `/delete ${huge('x')}`,
    `/model ${huge('m')}`,
    `/${huge('z')}`,
  ]
  for (const command of commands) {
    const reply = await ask(h, command)
    expect(reply.text.length, command.slice(0, 12)).toBeLessThan(1_500)
  }
  const persona = await ask(h, `/persona ${huge('p')}`)
  expect(persona.text).toMatch(/^No persona named p{199}…\. Available: /)
  const get = await ask(h, `/get ${huge('<')}`)
  expect(get.text).toBe(`There is no file ${'<'.repeat(199)}… in the session’s directory.`)
  expect(h.telegram.errors()).toEqual([])
})

test('the per-user session limit: a clear reply, and nothing created past it', async () => {
  const h = bot()
  await ask(h, '/new second')
  await ask(h, '/new third')
  const refused = await ask(h, '/new fourth')
  expect(refused.text).toBe(
    'You have 3 sessions, the limit; /delete some or raise SWITCHBOARD_MAX_SESSIONS.',
  )
  const list = await ask(h, '/sessions')
  expect(list.text).not.toContain('fourth')
  expect(h.telegram.errors()).toEqual([])
})
