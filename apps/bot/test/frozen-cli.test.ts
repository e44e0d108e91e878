import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import type { ChatMessage, FakeUser } from './support/fakes.js'
import { type BotHarness, startBotHarness } from './support/harness.js'
import { ALLOWED_IDS, user } from './support/users.js'

// A frozen or hanging Claude Code CLI never leaves the user stuck, and CLIs never outlive the bot
// (the real CLI, the fake Messages API, the bot as a child process).
let h: BotHarness | undefined
const frozen = new Set<number>()
afterEach(async () => {
  for (const pid of frozen) signal(pid, 'SIGCONT')
  frozen.clear()
  await h?.stop()
  h = undefined
})

async function start(env: Record<string, string> = {}): Promise<BotHarness> {
  h = await startBotHarness({
    allowedUsers: ALLOWED_IDS,
    env: { SWITCHBOARD_STALL_TIMEOUT: '2s', ...env },
  })
  return h
}

test('/stop on a frozen CLI (SIGSTOP) ends the turn with one "Stopped." within seconds; the next message resumes', {
  timeout: 90_000,
}, async () => {
  const h = await start()
  const u = user(0)
  await reply(h, u, 'first words', (m) => m.text === 'echo: first words')
  h.send('SLOW:8000:a b c d e f g h i j', u)
  await h.waitFor(
    () => h.anthropic.turnRequests().some((r) => r.prompt.startsWith('SLOW:8000')),
    30_000,
  )
  const pid = await cliPid(h, u)
  signal(pid, 'SIGSTOP')
  frozen.add(pid)
  const notice = await h.waitForBotMessage(
    (m) => m.text.startsWith('⏸ No output from Claude Code'),
    {
      chatId: u.id,
      timeoutMs: 15_000,
    },
  )
  expect(notice.text).toBe('⏸ No output from Claude Code for 2 s (main).')
  const stopAt = Date.now()
  const stop = h.send('/stop', u)
  const stopped = await h.waitForReply(stop, (m) => m.text.endsWith('⏹ Stopped.'), {
    chatId: u.id,
    timeoutMs: 15_000,
  })
  const stopMs = Date.now() - stopAt
  // biome-ignore lint/suspicious/noConsole: a measured figure for the issue's closing note
  console.info(`[measure] /stop on a frozen CLI → "${stopped.text}" after ${stopMs} ms`)
  // What had streamed before the freeze (if anything), then the one stopped line.
  expect(stopped.text).toMatch(/^(a( [b-j])*\n\n)?⏹ Stopped\.$/)
  expect(stopMs).toBeLessThan(10_000)
  await h.waitFor(() => !isAlive(pid), 5000)
  // The notice went with the turn; one "Stopped." outcome (the live view's status line aside), never
  // the control timeout's text.
  await h.waitFor(() => !h?.chat(u.id).messages.some((m) => m.messageId === notice.messageId), 5000)
  const texts = h.chat(u.id).botMessages.map((m) => m.text)
  expect(texts.filter((t) => /Stopped/.test(t))).toEqual([stopped.text])
  expect(texts.join('\n')).not.toContain('interrupt request')

  await reply(
    h,
    u,
    'REMEMBER?',
    (m) => m.text.startsWith('history:') && m.text.includes('first words'),
  )
  expect(h.telegram.errors()).toEqual([])
})

test('a hanging model: the stall notice appears, its Stop button stops the turn, the notice goes', {
  timeout: 90_000,
}, async () => {
  const h = await start()
  const u = user(1)
  h.send('HANG', u)
  const notice = await h.waitForBotMessage((m) => m.text.startsWith('⏸ No output'), {
    chatId: u.id,
    timeoutMs: 30_000,
  })
  h.press(notice.messageId, 'Stop', u)
  await h.waitForBotMessage((m) => m.text === '⏹ Stopped.', {
    chatId: u.id,
    timeoutMs: 15_000,
  })
  await h.waitFor(() => !h?.chat(u.id).messages.some((m) => m.messageId === notice.messageId), 5000)
  await reply(h, u, 'still here', (m) => m.text === 'echo: still here')
  expect(h.telegram.errors()).toEqual([])
})

test('SIGKILL of the bot mid-turn: the CLI and the command it runs are gone within seconds, before any restart', {
  timeout: 90_000,
}, async () => {
  // Unsandboxed, the CLI's Bash command runs in a session of its own, out of the CLI's process group.
  const h = await start({ SWITCHBOARD_SANDBOX: 'off', SWITCHBOARD_STALL_TIMEOUT: '5m' })
  const u = user(2)
  h.send('TOOL:Bash:echo wait && sleep 300', u)
  // echo and sleep are read-only: the CLI runs them without a permission prompt.
  const pid = await cliPid(h, u)
  const sleeper = await h.waitFor(() => descendants(pid).find((p) => comm(p) === 'sleep'), 30_000)
  const killedAt = Date.now()
  await h.kill('SIGKILL')
  // Not h.waitFor: it gives up as soon as the bot has exited, which is the point here.
  while (Date.now() - killedAt < 10_000 && (isAlive(pid) || isAlive(sleeper)))
    await new Promise((resolve) => setTimeout(resolve, 20))
  const goneMs = Date.now() - killedAt
  // biome-ignore lint/suspicious/noConsole: a measured figure for the issue's closing note
  console.info(
    `[measure] bot SIGKILLed → CLI ${pid} and its sleep ${sleeper} gone after ${goneMs} ms`,
  )
  expect(isAlive(pid)).toBe(false)
  expect(isAlive(sleeper)).toBe(false)
  expect(goneMs).toBeLessThan(5000)
})

function reply(h: BotHarness, u: FakeUser, text: string, match: (m: ChatMessage) => boolean) {
  return h.waitForReply(h.send(text, u), match, { chatId: u.id, timeoutMs: 30_000 })
}

/** The live CLI's pid, as the session's metadata.json records it (once it does). */
function cliPid(h: BotHarness, u: FakeUser): Promise<number> {
  const dir = join(h.dataDir, 'sessions', String(u.id))
  const pidIn = (id: string) => {
    try {
      const meta = JSON.parse(readFileSync(join(dir, id, 'metadata.json'), 'utf8'))
      return typeof meta.pid === 'number' ? (meta.pid as number) : undefined
    } catch {
      return undefined // not a session directory, or a write in progress
    }
  }
  return h.waitFor(() => {
    const ids = (() => {
      try {
        return readdirSync(dir)
      } catch {
        return [] // no session yet
      }
    })()
    return ids.map(pidIn).find((pid) => pid !== undefined)
  }, 30_000)
}

function descendants(root: number): number[] {
  const parents = new Map<number, number>()
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8')
      parents.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]))
    } catch {
      // gone
    }
  }
  const found = [root]
  for (let i = 0; i < found.length; i++)
    for (const [pid, ppid] of parents) if (ppid === found[i]) found.push(pid)
  return found.slice(1)
}

function comm(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
  } catch {
    return ''
  }
}

function isAlive(pid: number): boolean {
  try {
    return !/\) [ZX] /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name)
  } catch {
    // gone
  }
}
