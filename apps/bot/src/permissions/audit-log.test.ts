import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { silentLogger } from '../conversation/testing/fakes.js'
import { AUDIT_INPUT_LIMIT, AuditLog } from './audit-log.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'audit-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const entry = {
  userId: 42,
  sessionId: 's1',
  sessionName: 'main',
  tool: 'Bash',
  input: { command: 'ls' },
  answer: 'allow',
  decidedBy: 'user' as const,
}

async function lines(): Promise<Record<string, unknown>[]> {
  const text = await readFile(join(dir, 'audit.log'), 'utf8')
  return text
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line))
}

test('each decision is one JSON line with who, when, what and the answer', async () => {
  const log = new AuditLog({
    sessionDirectory: (owner, id) => {
      expect([owner, id]).toEqual(['42', 's1'])
      return dir
    },
    logger: silentLogger,
    now: () => new Date('2025-01-02T03:04:05.000Z'),
  })
  await log.append('42', entry)
  expect(await lines()).toEqual([
    {
      at: '2025-01-02T03:04:05.000Z',
      userId: 42,
      sessionId: 's1',
      sessionName: 'main',
      tool: 'Bash',
      input: { command: 'ls' },
      answer: 'allow',
      decidedBy: 'user',
    },
  ])
})

test('concurrent appends never interleave, and huge inputs are cut to 4 KB', async () => {
  const log = new AuditLog({ sessionDirectory: () => dir, logger: silentLogger })
  const big = { file_path: '/x', content: 'y'.repeat(50_000) }
  await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      log.append('42', { ...entry, input: i === 7 ? big : { i } }),
    ),
  )
  const all = await lines()
  expect(all).toHaveLength(50)
  expect(all.map((l) => (l.input as { i?: number }).i).filter((i) => i !== undefined)).toHaveLength(
    49,
  )
  const cut = all.find((l) => l.inputTruncated === true)
  expect(typeof cut?.input).toBe('string')
  expect(String(cut?.input).length).toBe(AUDIT_INPUT_LIMIT)
})

test('a failing append is logged, not thrown', async () => {
  const log = new AuditLog({
    sessionDirectory: () => join(dir, 'missing', 'deeper'),
    logger: silentLogger,
  })
  await expect(log.append('42', entry)).resolves.toBeUndefined()
  const broken = new AuditLog({
    sessionDirectory: () => {
      throw new Error('no such session')
    },
    logger: silentLogger,
  })
  await expect(broken.append('42', entry)).resolves.toBeUndefined()
})
