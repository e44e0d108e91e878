import { DeskLeases, SessionManager } from '@switchboard/core'
import { makeTempDir } from '@switchboard/test-utils'
import { expect, test } from 'vitest'
import { openAtDeskText } from './desk-open.js'

test('/compact and /clear are refused while the session is open at the desk, and work after', async () => {
  const dir = await makeTempDir('desk-open')
  try {
    const sessions = new SessionManager({ dataDir: dir.path })
    const meta = await sessions.create({ owner: '42', name: 'app' })
    expect(await openAtDeskText(sessions, meta, '/compact')).toBeUndefined()
    const held = await new DeskLeases({ dataDir: dir.path }).acquire('42', meta.id, { app: 'test' })
    expect(await openAtDeskText(sessions, meta, '/compact')).toMatch(
      /^<b>app<\/b> is open at the desk since \d\d:\d\d UTC: run \/compact there, or close it and send \/compact again\.$/,
    )
    await held.release()
    expect(await openAtDeskText(sessions, meta, '/clear')).toBeUndefined()
  } finally {
    await dir.cleanup()
  }
})
