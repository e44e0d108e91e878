import { expect, test } from 'vitest'
import { mapLineToEvents } from './map-events.js'
import { parseLine } from './protocol/parse-line.js'

const events = (line: object) => mapLineToEvents(parseLine(JSON.stringify(line)))

test('system/status with permissionMode (CLI 2.1.330, after a plan is approved) reports the mode', () => {
  const line = { type: 'system', subtype: 'status', status: null, permissionMode: 'acceptEdits' }
  expect(events(line)).toEqual([
    { type: 'status', status: null },
    { type: 'permission_mode', mode: 'acceptEdits' },
  ])
})

test('a status line without permissionMode is only a status', () => {
  expect(events({ type: 'system', subtype: 'status', status: 'requesting' })).toEqual([
    { type: 'status', status: 'requesting' },
  ])
})
