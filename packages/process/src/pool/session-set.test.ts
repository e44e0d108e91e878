import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { makeTempDir } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import { sessionSetFingerprint } from './session-set.js'

test('the fingerprint changes when a session or an owner appears or goes, not for dot-entries', async () => {
  const dir = await makeTempDir('session-set')
  try {
    const empty = sessionSetFingerprint(dir.path)
    await mkdir(join(dir.path, 'sessions', '42', 'a'), { recursive: true })
    const one = sessionSetFingerprint(dir.path)
    expect(one).not.toBe(empty)
    await mkdir(join(dir.path, 'sessions', '42', '.locks'), { recursive: true })
    await mkdir(join(dir.path, 'sessions', '42', 'a', 'inbox'), { recursive: true })
    expect(sessionSetFingerprint(dir.path)).toBe(one)
    await mkdir(join(dir.path, 'sessions', '43', 'b'), { recursive: true })
    const two = sessionSetFingerprint(dir.path)
    expect(two).not.toBe(one)
    await rm(join(dir.path, 'sessions', '43'), { recursive: true })
    expect(sessionSetFingerprint(dir.path)).toBe(one)
  } finally {
    await dir.cleanup()
  }
})
