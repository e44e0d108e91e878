import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { catchError } from '../test/catch-error.js'
import { makeManager } from '../test/manager.js'
import { useTempDir } from '../test/temp-dir.js'
import {
  InvalidUpdateError,
  MAX_ALLOW_RULES,
  SessionCorruptError,
  SessionNotFoundError,
} from './index.js'

const tmp = useTempDir()

describe('remembered "allow always" rules', () => {
  it('are kept in the session directory, next to metadata.json, and read back in order', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'main' })
    expect(await manager.readAllowRules('42', meta.id)).toEqual([])
    await manager.addAllowRule('42', meta.id, 'Bash(npm test *)')
    await manager.addAllowRule('42', meta.id, 'Read(//etc/hosts)')
    expect(await manager.addAllowRule('42', meta.id, 'Bash(npm test *)')).toEqual([
      'Read(//etc/hosts)',
      'Bash(npm test *)',
    ])
    const path = join(manager.sessionDirectory('42', meta.id), 'permission-rules.json')
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({
      schemaVersion: 1,
      rules: ['Read(//etc/hosts)', 'Bash(npm test *)'],
    })
    // A fresh manager (a bot restart) reads the same rules.
    expect(await makeManager(tmp.path).readAllowRules('42', meta.id)).toEqual([
      'Read(//etc/hosts)',
      'Bash(npm test *)',
    ])
  })

  it('are forgotten one by one', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'main' })
    await manager.addAllowRule('42', meta.id, 'Bash(a b)')
    await manager.addAllowRule('42', meta.id, 'Bash(c d)')
    expect(await manager.removeAllowRule('42', meta.id, 'Bash(a b)')).toEqual(['Bash(c d)'])
    expect(await manager.removeAllowRule('42', meta.id, 'Bash(x y)')).toEqual(['Bash(c d)'])
    expect(await manager.readAllowRules('42', meta.id)).toEqual(['Bash(c d)'])
  })

  it('keep the newest MAX_ALLOW_RULES', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'main' })
    const path = join(manager.sessionDirectory('42', meta.id), 'permission-rules.json')
    const rules = Array.from({ length: MAX_ALLOW_RULES }, (_, i) => `Bash(echo ${i})`)
    await writeFile(path, JSON.stringify({ schemaVersion: 1, rules }))
    const after = await manager.addAllowRule('42', meta.id, 'Bash(echo new)')
    expect(after).toHaveLength(MAX_ALLOW_RULES)
    expect(after[0]).toBe('Bash(echo 1)')
    expect(after.at(-1)).toBe('Bash(echo new)')
  })

  it('refuse rules with control characters and unusable files', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'main' })
    expect(
      await catchError(() => manager.addAllowRule('42', meta.id, 'Bash(a\nb)')),
    ).toBeInstanceOf(InvalidUpdateError)
    expect(await catchError(() => manager.addAllowRule('42', meta.id, ''))).toBeInstanceOf(
      InvalidUpdateError,
    )
    const path = join(manager.sessionDirectory('42', meta.id), 'permission-rules.json')
    await writeFile(path, JSON.stringify({ schemaVersion: 1, rules: [42] }))
    expect(await catchError(() => manager.readAllowRules('42', meta.id))).toBeInstanceOf(
      SessionCorruptError,
    )
  })

  it('are not written for a deleted session or a bad id', async () => {
    const manager = makeManager(tmp.path)
    const meta = await manager.create({ owner: '42', name: 'main' })
    await manager.delete('42', 'main')
    expect(await catchError(() => manager.addAllowRule('42', meta.id, 'Bash(a b)'))).toBeInstanceOf(
      SessionNotFoundError,
    )
    expect(await catchError(() => manager.readAllowRules('42', '../x'))).toBeInstanceOf(
      SessionNotFoundError,
    )
  })
})
