#!/usr/bin/env node
// Replays a recorded transcript (REPLAY_FIXTURE): after each stdin line that matches the next `>>>` line
// (by type and control subtype), writes the recorded stdout lines up to the following `>>>`.
// Request ids of our control requests are rewritten to the ids the driver used. Exits with the recorded code.
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'

const raw = readFileSync(process.env.REPLAY_FIXTURE, 'utf8').split('\n')
const exitCode = Number(
  raw.find((l) => l.startsWith('# exit code='))?.match(/code=(\d+)/)?.[1] ?? 0,
)
const entries = raw
  .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith('STDERR'))
  .map((l) =>
    l.startsWith('>>> ') ? { dir: 'in', msg: JSON.parse(l.slice(4)) } : { dir: 'out', text: l },
  )
const ids = new Map()
let next = entries.findIndex((e) => e.dir === 'in')

const kindOf = (msg) => `${msg.type}/${msg.request?.subtype ?? ''}`

createInterface({ input: process.stdin })
  .on('line', (line) => {
    const msg = JSON.parse(line)
    const expected = entries[next]
    if (!expected || kindOf(expected.msg) !== kindOf(msg)) {
      process.stderr.write(
        `replay mismatch: got ${kindOf(msg)}, expected ${expected ? kindOf(expected.msg) : 'nothing'}\n`,
      )
      process.exit(2)
    }
    if (msg.type === 'control_request') ids.set(expected.msg.request_id, msg.request_id)
    next++
    while (next < entries.length && entries[next].dir === 'out') {
      let text = entries[next].text
      for (const [recorded, actual] of ids)
        text = text.replaceAll(`"request_id":"${recorded}"`, `"request_id":"${actual}"`)
      process.stdout.write(`${text}\n`)
      next++
    }
  })
  .on('close', () => process.exit(exitCode))
