import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FakeReply, RecordedRequest } from '@switchboard/test-utils'
import { afterAll, expect, test } from 'vitest'
import { checkSandbox } from '../src/sandbox/check-sandbox.js'
import { makeSandboxFixture, type SandboxFixture } from '../test/e2e/support/sandbox-fixture.js'

// Permission prompts during one realistic sandboxed turn — Read a file, Edit it, run `npm test` —
// with the CLI's auto-allow for sandboxed commands off (the default) and on. Real CLI, real
// bubblewrap, the model scripted by the fake Messages API; every prompt is answered "Allow".
const sandbox = await checkSandbox({ env: process.env })
const fixtures: SandboxFixture[] = []
afterAll(async () => {
  await Promise.all(fixtures.map((f) => f.close()))
})

const DONE: FakeReply = { kind: 'text', text: 'Edited notes.md; the tests pass.' }

/** The model's plan for the turn: one tool per request, then a closing text. */
function realisticTurn(workspace: string) {
  const file = join(workspace, 'notes.md')
  const steps: FakeReply[] = [
    { kind: 'tool_use', name: 'Read', input: { file_path: file } },
    {
      kind: 'tool_use',
      name: 'Edit',
      input: { file_path: file, old_string: 'draft', new_string: 'final' },
    },
    {
      kind: 'tool_use',
      name: 'Bash',
      input: { command: 'npm test', description: 'Run the tests' },
    },
  ]
  return (req: RecordedRequest): FakeReply => steps[toolResults(req)] ?? DONE
}

function toolResults(req: RecordedRequest): number {
  return req.messages
    .filter((m) => m?.role === 'user' && Array.isArray(m.content))
    .flatMap((m) => m.content)
    .filter((block: { type?: string }) => block?.type === 'tool_result').length
}

async function promptsFor(autoAllow: boolean) {
  const f = await makeSandboxFixture({ autoAllow })
  fixtures.push(f)
  const meta = await f.store.create({ owner: '42', name: `bench-${autoAllow}` })
  const workspace = meta.workingDirectory
  await writeFile(join(workspace, 'notes.md'), '# Notes\n\nStatus: draft\n')
  const script = { name: 'bench', version: '1.0.0', scripts: { test: 'node -e "console.log(42)"' } }
  await writeFile(join(workspace, 'package.json'), JSON.stringify(script))
  f.api.setResponder(realisticTurn(workspace))
  const { events, output } = await f.run({ owner: meta.owner, id: meta.id }, 'tidy the notes')
  expect(events.filter((e) => e.type === 'tool_result')).toHaveLength(3)
  expect(output).toContain('42')
  return f.asked.map((r) =>
    r.toolName === 'SandboxNetworkAccess' ? `network (${String(r.input.host)})` : r.toolName,
  )
}

test.skipIf(!sandbox.available)(
  'prompts in a sandboxed turn: auto-allow off vs on',
  { timeout: 120_000 },
  async () => {
    const off = await promptsFor(false)
    const on = await promptsFor(true)
    process.stdout.write(
      [
        '',
        'one turn: Read notes.md, Edit notes.md, Bash `npm test` (sandbox on, every prompt allowed)',
        `auto-allow off (default): ${off.length} prompt(s): ${off.join(', ') || 'none'}`,
        `auto-allow on:            ${on.length} prompt(s): ${on.join(', ') || 'none'}`,
        '',
      ].join('\n'),
    )
    expect(on.length).toBeLessThan(off.length)
  },
)
