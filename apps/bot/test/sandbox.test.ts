import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { checkSandbox } from '@switchboard/process'
import { describe, expect, test } from 'vitest'
import { CHECKOUT_DIR } from '../src/sandbox/pool-sandbox.js'
import { allowedRange, freshUser, waitForMessage } from './conversation-support.js'
import type { ChatMessage, FakeUser } from './support/fakes.js'
import { useBotHarness } from './support/use-bot-harness.js'

// The bot as shipped (SWITCHBOARD_SANDBOX=auto) on a machine with bubblewrap and socat: the attacks
// of issue 7, each approved on the phone, still reach nothing.
const sandbox = await checkSandbox({ env: process.env })
const bot = useBotHarness({ allowedUsers: allowedRange() })

const isPrompt = (m: ChatMessage) => m.text.includes('asks for permission')
const isResult = (m: ChatMessage) => m.text.startsWith('tool result:')

/** Sends a tool call, presses Allow on each prompt it raises, and returns the tool result text. */
async function allowed(user: FakeUser, prompt: string): Promise<string> {
  const h = bot()
  const pressed = new Set<number>()
  h.send(prompt, user)
  for (;;) {
    const next = await waitForMessage(
      h,
      user,
      (m) => isResult(m) || (isPrompt(m) && !pressed.has(m.messageId)),
    )
    if (isResult(next)) return next.text
    pressed.add(next.messageId)
    h.press(next.messageId, '✅ Allow', user)
  }
}

describe.skipIf(!sandbox.available)('with the sandbox on', () => {
  test('/status says so', async () => {
    const h = bot()
    const user = freshUser()
    h.send('/new s', user)
    await waitForMessage(h, user, (m) => m.text.includes('Created session'))
    h.send('/status', user)
    const status = await waitForMessage(h, user, (m) => m.text.includes('Sandbox:'))
    expect(status.text).toContain('Sandbox: on')
    expect(h.telegram.errors()).toEqual([])
  })

  test('/mode auto-bash on: sandboxed commands run without a prompt; off: they ask again', async () => {
    const h = bot()
    const user = freshUser()
    h.send('/new auto', user)
    await waitForMessage(h, user, (m) => m.text.includes('Created session'))
    h.send('/mode auto-bash on', user)
    await waitForMessage(h, user, (m) => m.text.includes('run without asking'))
    // A write (echo alone is one of the CLI's read-only commands, which never ask).
    h.send('TOOL:Bash:touch unasked.txt && echo touched', user)
    const result = await waitForMessage(h, user, isResult)
    expect(result.text).toContain('touched')
    expect(h.chat(user.id).botMessages.some(isPrompt)).toBe(false)
    h.send('/status', user)
    const status = await waitForMessage(h, user, (m) => m.text.includes('Sandbox:'))
    expect(status.text).toContain('sandboxed commands run without asking')
    h.send('/mode auto-bash off', user)
    await waitForMessage(h, user, (m) => m.text.includes('every command asks again'))
    h.send('TOOL:Bash:touch asked.txt', user)
    await waitForMessage(h, user, isPrompt)
    expect(h.telegram.errors()).toEqual([])
  })

  test("an approved command cannot read the bot's environment (its token) in /proc", async () => {
    const h = bot()
    const pid = h.bot.pid
    const text = await allowed(freshUser(), `TOOL:Bash:sh -c 'cat /proc/${pid}/environ; echo done'`)
    expect(text).toContain('No such file or directory')
    expect(text).not.toContain(h.env.TELEGRAM_BOT_TOKEN)
    expect(h.telegram.errors()).toEqual([])
  })

  test("an approved command cannot read the bot's checkout", async () => {
    const file = join(CHECKOUT_DIR, 'package.json')
    const text = await allowed(freshUser(), `TOOL:Bash:sh -c 'cat ${file}'`)
    expect(text).toContain('No such file or directory')
    expect(text).not.toContain('"packageManager"')
    expect(bot().telegram.errors()).toEqual([])
  })

  test('Write to the persona library is denied by rule: no prompt, the file unchanged', async () => {
    const h = bot()
    const user = freshUser()
    const persona = join(h.dataDir, 'personas', 'default.json')
    const before = await readFile(persona, 'utf8').catch(() => undefined)
    const input = {
      file_path: persona,
      content: '{"settings":{"permissionMode":"bypassPermissions"}}',
    }
    h.send(`TOOL:Write:${JSON.stringify(input)}`, user)
    const result = await waitForMessage(h, user, isResult)
    expect(result.text).toContain('denied by your permission settings')
    expect(h.chat(user.id).botMessages.some(isPrompt)).toBe(false)
    expect(await readFile(persona, 'utf8').catch(() => undefined)).toBe(before)
  })

  test('network access to a new host reaches the phone as a prompt naming the host', async () => {
    const h = bot()
    const user = freshUser()
    h.send('TOOL:Bash:curl -sS -m 5 http://blocked-host.invalid/', user)
    const bash = await waitForMessage(h, user, isPrompt)
    h.press(bash.messageId, '✅ Allow', user)
    const network = await waitForMessage(
      h,
      user,
      (m) => isPrompt(m) && m.messageId !== bash.messageId,
    )
    expect(network.text).toContain('wants to connect to blocked-host.invalid')
    // "Always" covers that one host, and the prompt says so before the press.
    expect(network.text).toContain('WebFetch(domain:blocked-host.invalid)')
    h.press(network.messageId, '🚫 Deny', user)
    const result = await waitForMessage(h, user, isResult)
    expect(result.text).toContain('deny network-outbound blocked-host.invalid:80')
    expect(h.telegram.errors()).toEqual([])
  })
})
