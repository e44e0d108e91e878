import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { RecordedRequest } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import { ask } from './support/ask.js'
import type { ChatMessage } from './support/fakes.js'
import type { BotHarness } from './support/harness.js'
import { useBotHarness } from './support/use-bot-harness.js'

// A session bound to a project directory gets what `claude` run there gets: the project's CLAUDE.md
// (in the model's context), its skills (listed to the model) and its .claude/settings.json (an allow
// rule: the command runs without a permission prompt). A workspace session is asked.
//
// CLI 2.1.330 ignores `permissions.allow` of a project's .claude/settings.json unless the directory
// is trusted (interactive `claude` asks once; `claude -p` cannot), so the pool passes a bound
// project's settings file with `--settings` (packages/process/src/pool/spawn-session.ts).
const MARKER = `project-marker-${process.pid}-${Date.now()}`
const SKILL_DESCRIPTION = `Checks the marker ${MARKER} of this project`
const ALLOWED_COMMAND = 'touch project-allowed'

// SWITCHBOARD_PROJECT_ROOTS must name the scratch dir, which exists only once `prepare` runs; the
// harness reads `env` after `prepare`, so it is filled in there.
const env: Record<string, string> = {}
const dirs = { project: '' }

async function makeProject(dir: string): Promise<void> {
  const skillDir = join(dir, '.claude', 'skills', 'marker-skill')
  await mkdir(skillDir, { recursive: true })
  await writeFile(join(dir, 'CLAUDE.md'), `# Project notes\n\nThe marker is ${MARKER}.\n`)
  await writeFile(
    join(dir, '.claude', 'settings.json'),
    JSON.stringify({ permissions: { allow: [`Bash(${ALLOWED_COMMAND}:*)`] } }),
  )
  await writeFile(
    join(skillDir, 'SKILL.md'),
    `---\nname: marker-skill\ndescription: ${SKILL_DESCRIPTION}\n---\n\nSay the marker.\n`,
  )
}

const bot = useBotHarness({
  env,
  prepare: async ({ scratchDir }) => {
    env.SWITCHBOARD_PROJECT_ROOTS = scratchDir
    dirs.project = join(scratchDir, 'proj')
    await makeProject(dirs.project)
  },
})

const asksPermission = (m: ChatMessage) => m.text.includes('asks for permission')
const toolRan = (m: ChatMessage) => m.text.includes('tool result:')

/** The text blocks of a request's messages (where the CLI puts CLAUDE.md and the skill list). */
function messageTexts(request: RecordedRequest): string {
  return JSON.stringify(request.messages)
}

/** Sends the allowed command in the active session; the first of: a permission prompt, the result. */
async function runAllowedCommand(h: BotHarness): Promise<ChatMessage> {
  const update = h.send(`TOOL:Bash:${ALLOWED_COMMAND}`)
  return h.waitForReply(update, (m) => asksPermission(m) || toolRan(m), { timeoutMs: 20_000 })
}

test('a project session gets the CLAUDE.md and the skills of its directory', async () => {
  const h = bot()
  const created = await ask(h, `/new proj default ${dirs.project}`)
  expect(created.text).toContain(dirs.project)
  const update = h.send('hello project')
  await h.waitForReply(update, (m) => m.text.includes('echo: hello project'), { timeoutMs: 30_000 })
  const request = h.anthropic.requests.find((r) => r.prompt === 'hello project')
  expect(request, 'the turn reached the Messages API').toBeDefined()
  const text = messageTexts(request as RecordedRequest)
  // A <system-reminder> in the first user message: "Contents of <dir>/CLAUDE.md (project instructions…)".
  expect(text).toContain(`Contents of ${dirs.project}/CLAUDE.md`)
  expect(text).toContain(MARKER)
  // Another reminder: "The following skills are available for use with the Skill tool: - name: description".
  expect(text).toContain(`- marker-skill: ${SKILL_DESCRIPTION}`)
  expect(h.telegram.errors()).toEqual([])
})

test("the project's settings allow rule runs the command without asking", async () => {
  const h = bot()
  const first = await runAllowedCommand(h)
  try {
    expect(asksPermission(first), 'asked although .claude/settings.json allows it').toBe(false)
    expect(existsSync(join(dirs.project, 'project-allowed'))).toBe(true)
    expect(h.telegram.errors()).toEqual([])
  } finally {
    if (asksPermission(first)) {
      h.press(first.messageId, '🚫 Deny') // leave the session idle for the next tests
      await h.waitForReply(first.messageId, toolRan, { timeoutMs: 20_000 })
    }
  }
})

test('a workspace session is asked for the same command', async () => {
  const h = bot()
  await ask(h, '/new plain')
  const prompt = await runAllowedCommand(h)
  expect(asksPermission(prompt)).toBe(true)
  expect(prompt.text).toContain(ALLOWED_COMMAND)
  h.press(prompt.messageId, '🚫 Deny')
  await h.waitForReply(prompt.messageId, toolRan, { timeoutMs: 20_000 })
  expect(h.telegram.errors()).toEqual([])
})
