import { DeskHandshake } from '@switchboard/core'
import { makeTempDir } from '@switchboard/test-utils'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { PhoneTurnMarks } from './phone-turn-marks.js'

const REF = { owner: '42', id: '0b6cbb0e-4c4e-4a55-9a0e-5c1b9b0c7a11' }
let dir: Awaited<ReturnType<typeof makeTempDir>>
let hs: DeskHandshake
beforeEach(async () => {
  dir = await makeTempDir('phone-turn-marks')
  hs = new DeskHandshake({ dataDir: dir.path })
})
afterEach(() => dir.cleanup())

/** Resolves once the phone-turn lease is gone (a release runs in the background). */
const released = () => expect.poll(() => hs.turns.read(REF.owner, REF.id)).toBeNull()

test('one lease however many turns are in the pool: released when the last ended, taken again after', async () => {
  const marks = new PhoneTurnMarks(hs)
  const first = await marks.take(REF)
  const second = await marks.take(REF)
  if (!('hold' in first) || !('hold' in second)) throw new Error('expected holds')
  expect(await hs.turns.read(REF.owner, REF.id)).toMatchObject({ app: 'switchboard-bot' })
  first.hold.release()
  first.hold.release() // twice: still one turn's share
  await new Promise((r) => setTimeout(r, 50))
  expect(await hs.turns.read(REF.owner, REF.id)).not.toBeNull()
  second.hold.release()
  // A take right after the last release waits for its write instead of finding its own live lease.
  const third = await marks.take(REF)
  expect('hold' in third).toBe(true)
  if ('hold' in third) third.hold.release()
  await released()
})

test('the desk came while a turn runs: the next turn gets the desk, the running one keeps the mark', async () => {
  const marks = new PhoneTurnMarks(hs)
  const running = await marks.take(REF)
  if (!('hold' in running)) throw new Error('expected a hold')
  let opened = false
  const desk = hs.takeDesk(REF.owner, REF.id, { app: 'cli', pollMs: 10 }).then((held) => {
    opened = true
    return held
  })
  await expect.poll(() => hs.desk.read(REF.owner, REF.id)).not.toBeNull()
  expect(await marks.take(REF)).toMatchObject({ desk: { app: 'cli' } })
  expect(opened).toBe(false)
  running.hold.release()
  const held = await desk
  expect(await marks.take(REF)).toMatchObject({ desk: { app: 'cli' } })
  await held.release()
  const after = await marks.take(REF)
  expect('hold' in after).toBe(true)
  if ('hold' in after) after.hold.release()
  await released()
})
