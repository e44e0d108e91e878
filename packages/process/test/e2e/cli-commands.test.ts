import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { CompactBoundarySchema } from '../../src/protocol/context-usage.js'
import { useRealCliProcess } from '../support/real-cli.js'

// The real CLI's slash commands, context usage and compaction, as the bot's /context and /compact use them.
const { env, launch, events } = useRealCliProcess()

test('a project command is announced; context usage and compaction are reported', {
  timeout: 60_000,
}, async () => {
  await mkdir(join(env.dirs.work, '.claude/commands'), { recursive: true })
  await writeFile(
    join(env.dirs.work, '.claude/commands/review-pr.md'),
    '---\ndescription: Review a pull request\nargument-hint: <number>\n---\nReview PR $ARGUMENTS.\n',
  )
  const proc = await launch(async () => ({ behavior: 'allow' }))
  expect(proc.commands).toContainEqual(
    expect.objectContaining({ name: 'review-pr', argumentHint: '<number>' }),
  )
  const first = proc.send('hello')
  await events(first)
  await first.done
  const before = await proc.contextUsage()
  expect(before.maxTokens).toBeGreaterThan(before.totalTokens)
  expect(before.totalTokens).toBeGreaterThan(0)
  const compact = proc.send('/compact')
  const all = await events(compact)
  await compact.done
  const boundary = all
    .map((e) => (e.type === 'unknown' ? CompactBoundarySchema.safeParse(e.raw) : undefined))
    .find((p) => p?.success)
  expect(boundary?.data?.compact_metadata.pre_tokens).toBeGreaterThan(0)
})
