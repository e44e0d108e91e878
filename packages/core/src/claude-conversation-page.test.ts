import { mkdir, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { useTempDir } from '../test/temp-dir.js'
import { pageClaudeConversations } from './claude-conversation-page.js'
import { claudeProjectKey } from './claude-transcripts.js'

const tmp = useTempDir()
const work = () => join(tmp.path, 'project')
const config = () => join(tmp.path, 'claude')
const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`

/** Transcript `n` ("prompt n"), written at second 1000 + n (so higher n is newer). */
async function transcript(n: number, lines: unknown[]) {
  const store = join(config(), 'projects', claudeProjectKey(work()))
  await mkdir(store, { recursive: true })
  const path = join(store, `${idOf(n)}.jsonl`)
  await writeFile(path, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`)
  await utimes(path, 1_000 + n, 1_000 + n)
}
const prompt = (text: string) => ({
  type: 'user',
  isSidechain: false,
  message: { role: 'user', content: text },
})

test('pages of the listed conversations, newest first; the page is clamped; no-prompt ones are not counted', async () => {
  expect(await pageClaudeConversations(config(), work())).toEqual({
    conversations: [],
    page: 1,
    pageCount: 1,
    total: 0,
  })
  for (let n = 1; n <= 25; n++) await transcript(n, [prompt(`prompt ${n}`)])
  await transcript(26, [{ type: 'queue-operation' }]) // nothing typed: not listed
  const first = await pageClaudeConversations(config(), work())
  expect(first).toMatchObject({ page: 1, pageCount: 3, total: 25 })
  expect(first.conversations.map((c) => c.firstPrompt)).toEqual(
    Array.from({ length: 10 }, (_, i) => `prompt ${25 - i}`),
  )
  const last = await pageClaudeConversations(config(), work(), { page: 3 })
  expect(last.conversations.map((c) => c.firstPrompt)).toEqual([
    'prompt 5',
    'prompt 4',
    'prompt 3',
    'prompt 2',
    'prompt 1',
  ])
  expect(await pageClaudeConversations(config(), work(), { page: 9 })).toMatchObject({ page: 3 })
  expect(await pageClaudeConversations(config(), work(), { page: 0 })).toMatchObject({ page: 1 })
  const small = await pageClaudeConversations(config(), work(), { page: 2, pageSize: 20 })
  expect(small).toMatchObject({ page: 2, pageCount: 2 })
  expect(small.conversations).toHaveLength(5)
})
