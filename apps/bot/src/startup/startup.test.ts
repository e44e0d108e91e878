import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { expect, test, vi } from 'vitest'
import { createLogger } from '../logging/logger.js'
import { loadEnvFileIfPresent } from './load-env-file.js'
import { collectSecrets } from './secrets.js'
import { createShutdown } from './shutdown.js'
import { logUnhandledRejections } from './unhandled-rejections.js'

const silent = () => createLogger({ level: 'silent', secrets: [] })

test('the .env file fills in variables but never overrides ones already set', async () => {
  const dir = await makeTempDir('env-file')
  try {
    const file = join(dir.path, '.env')
    await writeFile(file, 'SB_TEST_A=file\nSB_TEST_B=file\nSB_TEST_C=file\n')
    process.env.SB_TEST_A = 'set'
    process.env.SB_TEST_C = ''
    expect(loadEnvFileIfPresent(file)).toBe('loaded')
    expect([process.env.SB_TEST_A, process.env.SB_TEST_B, process.env.SB_TEST_C]).toEqual([
      'set',
      'file',
      '',
    ])
    expect(loadEnvFileIfPresent(join(dir.path, 'missing.env'))).toBe('missing')
  } finally {
    delete process.env.SB_TEST_A
    delete process.env.SB_TEST_B
    delete process.env.SB_TEST_C
    await dir.cleanup()
  }
})

test('secrets: the token and every *_TOKEN / *_KEY / *_SECRET value', () => {
  expect(
    collectSecrets(
      { ANTHROPIC_API_KEY: 'sk-1', GH_TOKEN: 'gh', HOME: '/h', DB_PASSWORD: 'pw', EMPTY_KEY: '' },
      'bot:tok',
    ).sort(),
  ).toEqual(['bot:tok', 'gh', 'pw', 'sk-1'])
})

test('shutdown runs its steps in order, bounds a stuck one, and exits once', async () => {
  const order: string[] = []
  const exit = vi.fn()
  const shutdown = createShutdown(
    silent(),
    () => [
      { name: 'a', run: async () => order.push('a'), timeoutMs: 1_000 },
      { name: 'stuck', run: () => new Promise(() => order.push('stuck')), timeoutMs: 20 },
      { name: 'fails', run: () => Promise.reject(new Error('x')), timeoutMs: 1_000 },
      { name: 'b', run: async () => order.push('b'), timeoutMs: 1_000 },
    ],
    exit,
  )
  await Promise.all([shutdown('SIGTERM'), shutdown('SIGINT')])
  expect(order).toEqual(['a', 'stuck', 'b'])
  expect(exit).toHaveBeenCalledTimes(1)
  expect(exit).toHaveBeenCalledWith(0)
})

test('shutdown forces exit 1 when the whole sequence overruns its deadline', async () => {
  vi.useFakeTimers()
  try {
    const exit = vi.fn()
    const shutdown = createShutdown(
      silent(),
      () => [{ name: 'forever', run: () => new Promise(() => {}), timeoutMs: 60_000 }],
      exit,
    )
    void shutdown('SIGTERM')
    await vi.advanceTimersByTimeAsync(10_600)
    expect(exit).toHaveBeenCalledWith(1)
  } finally {
    vi.useRealTimers()
  }
})

test('an unhandled rejection is logged at error level instead of ending the bot', () => {
  const lines: string[] = []
  const logger = createLogger({
    level: 'info',
    secrets: [],
    destination: { write: (line: string) => void lines.push(line) },
  })
  const listener = logUnhandledRejections(logger)
  try {
    expect(process.listeners('unhandledRejection')).toContain(listener)
    listener(new Error('forgotten promise'))
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({
      level: 50,
      err: { message: 'forgotten promise' },
    })
  } finally {
    process.off('unhandledRejection', listener)
  }
})
