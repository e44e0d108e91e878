import { copyFile, mkdir, symlink, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { useTempDir } from '../test/temp-dir.js'
import { findClaudeConversation, listClaudeConversations } from './claude-conversations.js'
import { claudeProjectKey } from './claude-transcripts.js'

// A transcript written by the real CLI 2.1.330 (`claude -p "second conversation"`, then
// `claude -p REMEMBER? --resume <id>`), its lines over 2,000 characters dropped to keep it small.
const FIXTURE = join(import.meta.dirname, '../test/fixtures/claude-2.1.330-resumed.jsonl')

const tmp = useTempDir()
const ids = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222']
const work = () => join(tmp.path, 'project')
const config = () => join(tmp.path, 'claude')
const store = () => join(config(), 'projects', claudeProjectKey(work()))

async function transcript(id: string, lines: unknown[], mtimeSeconds?: number) {
  await mkdir(store(), { recursive: true })
  const path = join(store(), `${id}.jsonl`)
  await writeFile(
    path,
    `${lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n')}\n`,
  )
  if (mtimeSeconds !== undefined) await utimes(path, mtimeSeconds, mtimeSeconds)
  return path
}

const user = (content: unknown, extra: object = {}) => ({
  type: 'user',
  isSidechain: false,
  message: { role: 'user', content },
  ...extra,
})
const assistant = (id: string, text: string) => ({
  type: 'assistant',
  isSidechain: false,
  message: { id, role: 'assistant', content: [{ type: 'text', text }] },
})

describe('listClaudeConversations', () => {
  test('a real CLI transcript: its first prompt and its messages (2 prompts, 2 answers)', async () => {
    await mkdir(store(), { recursive: true })
    await copyFile(FIXTURE, join(store(), `${ids[0]}.jsonl`))
    const [found] = await listClaudeConversations(config(), work())
    expect(found).toMatchObject({
      id: ids[0],
      firstPrompt: 'second conversation',
      messageCount: 4,
      countIsPartial: false,
    })
  })

  test('newest first by mtime, at most limit; no prompt, other names and a missing store are left out', async () => {
    expect(await listClaudeConversations(config(), work())).toEqual([])
    await transcript(ids[0] ?? '', [user('older')], 1_000)
    await transcript(ids[1] ?? '', [user('newer')], 2_000)
    await transcript('33333333-3333-4333-8333-333333333333', [{ type: 'queue-operation' }], 3_000)
    await writeFile(join(store(), 'notes.jsonl'), `${JSON.stringify(user('not a transcript'))}\n`)
    const all = await listClaudeConversations(config(), work())
    expect(all.map((c) => c.firstPrompt)).toEqual(['newer', 'older'])
    expect(all[0]?.updatedAt.getTime()).toBe(2_000_000)
    const one = await listClaudeConversations(config(), work(), { limit: 1 })
    expect(one.map((c) => c.id)).toEqual([ids[1]])
  })

  test('skips what does not parse or is not a typed message; counts a multi-block answer once', async () => {
    await transcript(ids[0] ?? '', [
      'not json at all',
      '{"type":"user","message":{"content":[{"type":"text"', // cut mid-line
      { type: 'user', message: { content: 42 } }, // wrong shape
      user('Caveat: local commands below', { isMeta: true }),
      user('<command-message>compact</command-message> <command-name>/compact</command-name>'),
      user('  fix the\n  flaky   test  '),
      assistant('msg_1', 'thinking'),
      assistant('msg_1', 'still the same message'),
      user([{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }]),
      user('a subagent prompt', { isSidechain: true }),
      assistant('msg_2', 'done'),
    ])
    const [found] = await listClaudeConversations(config(), work())
    expect(found).toMatchObject({ firstPrompt: '/compact', messageCount: 4 })
  })

  test('bounded read: a huge transcript is read only up to maxBytes (count partial, prompt found)', async () => {
    const filler = 'x'.repeat(10_000)
    const lines = [user('the first prompt')]
    for (let i = 0; i < 200; i++) lines.push(assistant(`msg_${i}`, filler))
    await transcript(ids[0] ?? '', lines)
    const [found] = await listClaudeConversations(config(), work(), { maxBytes: 100_000 })
    expect(found?.firstPrompt).toBe('the first prompt')
    expect(found?.countIsPartial).toBe(true)
    expect(found?.messageCount).toBeGreaterThan(1)
    expect(found?.messageCount).toBeLessThan(20)
  })

  test('a working directory reached through a symlink finds the CLI store of its real path', async () => {
    await mkdir(work(), { recursive: true })
    await transcript(ids[0] ?? '', [user('hello')])
    const link = join(tmp.path, 'link')
    await symlink(work(), link)
    const found = await listClaudeConversations(config(), link)
    expect(found.map((c) => c.id)).toEqual([ids[0]])
  })
})

test.each([
  [
    '<command-message>review</command-message> <command-name>/review-pr</command-name> <command-args>12</command-args>',
    '/review-pr 12',
  ],
  ['<bash-input>git status</bash-input>', '! git status'],
  ['<local-command-stdout>ok</local-command-stdout>', null],
  ['<div> is a tag I typed', '<div> is a tag I typed'],
])('a recorded %j reads as the prompt %j', async (content, prompt) => {
  await transcript(ids[0] ?? '', [user(content), user('typed later')])
  const [found] = await listClaudeConversations(config(), work())
  expect(found?.firstPrompt).toBe(prompt ?? 'typed later')
})

test('findClaudeConversation: by id, null when the CLI has none by that id', async () => {
  await transcript(ids[0] ?? '', [user('hello'), assistant('m', 'hi')])
  expect(await findClaudeConversation(config(), work(), ids[0] ?? '')).toMatchObject({
    firstPrompt: 'hello',
    messageCount: 2,
  })
  expect(await findClaudeConversation(config(), work(), ids[1] ?? '')).toBeNull()
})
