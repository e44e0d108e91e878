import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { CliCommand } from '@switchboard/process'
import { makeTempDir } from '@switchboard/test-utils'
import { pino } from 'pino'
import { afterEach, expect, test } from 'vitest'
import { silentLogger } from '../conversation/testing/fakes.js'
import { CLI_COMMANDS_FILE, CliCommandMemory, knownCliCommands } from './cli-command-memory.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()))
})

async function dir(): Promise<string> {
  const d = await makeTempDir('cli-commands')
  cleanups.push(d.cleanup)
  return d.path
}

function recordingLogger() {
  const lines: { level: number; msg: string; reason?: string }[] = []
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) })
  return { logger, lines }
}

const review: CliCommand = {
  name: 'review-pr',
  description: 'Review a pull request (project)',
  argumentHint: '<number>',
}
const compact: CliCommand = {
  name: 'compact',
  description: 'Compact',
  argumentHint: '',
  builtin: true,
}

test('a remembered list is on disk (0600) and read back by another memory, as after a restart', async () => {
  const d = await dir()
  // The CLI's extra fields are not kept.
  await new CliCommandMemory().remember(d, [{ ...review, aliases: ['rp'] }, compact], silentLogger)
  expect((await stat(join(d, CLI_COMMANDS_FILE))).mode & 0o777).toBe(0o600)
  expect(await new CliCommandMemory().recall(d, silentLogger)).toEqual([review, compact])
})

test('the same list again is not rewritten; a different one replaces it', async () => {
  const d = await dir()
  const path = join(d, CLI_COMMANDS_FILE)
  const memory = new CliCommandMemory()
  await memory.remember(d, [review], silentLogger)
  const first = (await stat(path)).ino
  await new CliCommandMemory().remember(d, [review], silentLogger)
  expect((await stat(path)).ino).toBe(first) // an atomic write would be a new file
  await memory.remember(d, [compact], silentLogger)
  expect(await new CliCommandMemory().recall(d, silentLogger)).toEqual([compact])
})

test('a missing file is unknown; a damaged one is unknown, logged, and replaced by the next list', async () => {
  const d = await dir()
  const { logger, lines } = recordingLogger()
  expect(await new CliCommandMemory().recall(d, logger)).toBeUndefined()
  for (const damaged of ['{"version": 1, "commands": [{"name": ""}]}', '{not json', '[]']) {
    await writeFile(join(d, CLI_COMMANDS_FILE), damaged)
    expect(await new CliCommandMemory().recall(d, logger)).toBeUndefined()
  }
  const warned = lines.filter((l) => l.msg === 'unreadable remembered Claude Code commands')
  expect(warned).toHaveLength(3)
  const memory = new CliCommandMemory()
  expect(await memory.recall(d, logger)).toBeUndefined()
  await memory.remember(d, [review], logger)
  expect(JSON.parse(await readFile(join(d, CLI_COMMANDS_FILE), 'utf8')).commands).toEqual([review])
})

test('a write that fails is logged, never thrown, and the list is still known in memory', async () => {
  const d = join(await dir(), 'gone') // a deleted session's directory: not made again
  const { logger, lines } = recordingLogger()
  const memory = new CliCommandMemory()
  await memory.remember(d, [review], logger)
  expect(lines.some((l) => l.msg === 'could not remember the Claude Code commands')).toBe(true)
  await expect(stat(d)).rejects.toMatchObject({ code: 'ENOENT' })
})

test('the live list wins over the remembered one', async () => {
  const d = await dir()
  await new CliCommandMemory().remember(d, [review], silentLogger)
  const ref = { owner: '1', id: 'x' }
  const deps = (commands: CliCommand[] | undefined) => ({
    pool: { status: () => ({ commands }) as never },
    sessions: { sessionDirectory: () => d },
    logger: silentLogger,
  })
  expect(await knownCliCommands(deps([compact]), ref)).toEqual([compact])
  // The bot's shared memory reads the file when no process announced a list in this run.
  expect(await knownCliCommands(deps(undefined), ref)).toEqual([review])
})
