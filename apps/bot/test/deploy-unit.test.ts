import { spawnSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { expect, test } from 'vitest'

// deploy/switchboard.service is installed as the README says: no home directory in it, the paths it
// needs writable, and valid for systemd (checked with systemd-analyze where the machine has it).

const UNIT = fileURLToPath(new URL('../../../deploy/switchboard.service', import.meta.url))

const settings = (text: string) =>
  text
    .split('\n')
    .filter((line) => /^[A-Z]\w+=/.test(line))
    .map((line) => line.split(/=(.*)/s) as [string, string])

test('the unit names no home directory and keeps its state and project roots writable', async () => {
  const text = await readFile(UNIT, 'utf8')
  const lines = settings(text)
  expect(lines.filter(([, value]) => /\/home\/|\/root\b|%h/.test(value))).toEqual([])
  const get = (key: string) => lines.filter(([k]) => k === key).map(([, v]) => v)
  expect(get('User')).toEqual(['switchboard'])
  expect(get('StateDirectory')).toEqual(['switchboard']) // the user's home: writable, private
  expect(get('WorkingDirectory')).toEqual(['/opt/switchboard'])
  expect(get('ReadWritePaths').length).toBeGreaterThan(0)
  expect(get('ProtectHome')).toEqual(['read-only'])
  expect(get('LoadCredential')).toEqual(['telegram-bot-token:/etc/switchboard/telegram-bot-token'])
})

test('systemd-analyze verify accepts the unit', () => {
  const run = spawnSync('systemd-analyze', ['verify', UNIT], { encoding: 'utf8' })
  if (run.error) return // no systemd on this machine
  expect(run.stderr.trim()).toBe('')
  expect(run.status).toBe(0)
})
