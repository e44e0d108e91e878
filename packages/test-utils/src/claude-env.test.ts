import { access, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { claudeEnv } from './claude-env.js'
import { makeTempDir } from './temp-dir.js'

describe('claudeEnv', () => {
  it('builds the whole offline environment, with nothing else from the parent but PATH', () => {
    const env = claudeEnv({ apiUrl: 'http://127.0.0.1:1', home: '/h', extra: { FOO: 'bar' } })
    expect(env).toMatchObject({
      PATH: process.env.PATH,
      HOME: '/h',
      CLAUDE_CONFIG_DIR: '/h/.claude',
      TMPDIR: '/h/tmp',
      ANTHROPIC_BASE_URL: 'http://127.0.0.1:1',
      ANTHROPIC_API_KEY: 'test',
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
      FOO: 'bar',
    })
    const parentOnly = Object.keys(process.env).filter((k) => k !== 'PATH' && k in env)
    expect(parentOnly.filter((k) => env[k] === process.env[k])).toEqual([])
  })
})

describe('makeTempDir', () => {
  it('creates a real directory and removes it with its contents', async () => {
    const dir = await makeTempDir('test-utils-tmp')
    await writeFile(join(dir.path, 'f.txt'), 'x')
    await dir.cleanup()
    await expect(access(dir.path)).rejects.toThrow()
  })
})
