import { createHash } from 'node:crypto'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { silentLogger } from '../conversation/testing/fakes.js'
import { AUDIT_INLINE_LIMIT, AuditLog } from './audit-log.js'

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

test('concurrent appends never interleave', async () => {
  const log = new AuditLog({ sessionDirectory: () => dir, logger: silentLogger })
  await Promise.all(
    Array.from({ length: 50 }, (_, i) => log.append('42', { ...entry, input: { i } })),
  )
  const all = await lines()
  expect(all.map((l) => (l.input as { i: number }).i).sort((a, b) => a - b)).toEqual(
    Array.from({ length: 50 }, (_, i) => i),
  )
})

test('a large input goes whole to a 0600 side file named by its hash, referenced by the line', async () => {
  const log = new AuditLog({ sessionDirectory: () => dir, logger: silentLogger })
  const big = { command: `echo ${'a'.repeat(50_000)}; touch pwned` }
  const json = JSON.stringify(big)
  const sha256 = createHash('sha256').update(json).digest('hex')
  await log.append('42', { ...entry, input: big, answer: 'always', rule: 'Bash(echo a)' })
  await log.append('42', { ...entry, input: big }) // the same input again: the same file
  const [first, second] = await lines()
  expect(first).toMatchObject({
    inputFile: `audit/${sha256}.json`,
    inputSha256: sha256,
    inputLength: json.length,
    answer: 'always',
    rule: 'Bash(echo a)',
  })
  expect(first?.input).toBeUndefined()
  expect(second?.inputFile).toBe(first?.inputFile)
  expect(second?.rule).toBeUndefined()
  const side = join(dir, 'audit', `${sha256}.json`)
  expect(await readFile(side, 'utf8')).toBe(json)
  expect((await stat(side)).mode & 0o777).toBe(0o600)
  expect(await readdir(join(dir, 'audit'))).toHaveLength(1)
  expect(AUDIT_INLINE_LIMIT).toBe(4096)
})

test('when the side file cannot be written, the line keeps the first part and the hash', async () => {
  await writeFile(join(dir, 'audit'), 'not a directory')
  const log = new AuditLog({ sessionDirectory: () => dir, logger: silentLogger })
  const big = { content: 'y'.repeat(10_000) }
  await log.append('42', { ...entry, input: big })
  const [line] = await lines()
  expect(line).toMatchObject({ inputTruncated: true, inputLength: JSON.stringify(big).length })
  expect(String(line?.input)).toHaveLength(AUDIT_INLINE_LIMIT)
  expect(line?.inputSha256).toMatch(/^[0-9a-f]{64}$/)
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
