import { homedir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { resolveDataDir } from './data-dir.js'

describe('resolveDataDir', () => {
  it('prefers SWITCHBOARD_DATA_DIR', () => {
    expect(resolveDataDir({ SWITCHBOARD_DATA_DIR: '/srv/sb', XDG_DATA_HOME: '/x' })).toBe('/srv/sb')
  })
  it('falls back to $XDG_DATA_HOME/switchboard', () => {
    expect(resolveDataDir({ XDG_DATA_HOME: '/data', HOME: '/home/u' })).toBe('/data/switchboard')
  })
  it('ignores a relative XDG_DATA_HOME, as the XDG spec says', () => {
    expect(resolveDataDir({ XDG_DATA_HOME: 'rel', HOME: '/home/u' })).toBe(
      '/home/u/.local/share/switchboard',
    )
  })
  it('falls back to ~/.local/share/switchboard', () => {
    expect(resolveDataDir({ HOME: '/home/u' })).toBe('/home/u/.local/share/switchboard')
    expect(resolveDataDir({})).toBe(join(homedir(), '.local', 'share', 'switchboard'))
  })
})
