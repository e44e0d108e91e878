import type { TurnEvent } from '@switchboard/process'
import { TurnStoppedError } from '@switchboard/process'
import { expect, test } from 'vitest'
import { makeOutbox, resultEvent, scriptedTurn, sessionMeta } from './testing/fakes.js'
import { runnerDeps, textDelta } from './testing/runner-deps.js'
import { runTurn } from './turn-runner.js'

function setup() {
  const { api, outbox } = makeOutbox()
  const deps = runnerDeps(outbox, 'draft', [
    sessionMeta(),
    sessionMeta({ id: 's-bg', name: 'work' }),
  ])
  const run = (events: TurnEvent[], error?: Error, id = 's-main') =>
    runTurn(deps, {
      ref: { owner: '42', id },
      userId: 42,
      chatId: 42,
      sessionName: id === 's-main' ? 'main' : 'work',
      cwd: '/work',
      turn: scriptedTurn(events, error),
    })
  const finals = () => api.callsOf('sendMessage')
  return { api, run, finals }
}

const delta = textDelta
// What the CLI reports for an interrupted turn; its own words are never shown.
const interrupted = resultEvent({
  subtype: 'error_during_execution',
  isError: true,
  text: 'Request interrupted [ede_diagnostic] abort at stream',
})

test('stopped mid-answer: the partial answer, rendered, with one stopped line, as one message', async () => {
  const s = setup()
  await s.run([delta('Half of **the** '), delta('answer'), interrupted])
  const finals = s.finals()
  expect(finals).toHaveLength(1)
  expect(finals[0]?.payload).toMatchObject({
    text: 'Half of <b>the</b> answer\n\n⏹ Stopped.',
    parse_mode: 'HTML',
  })
  expect(String(finals[0]?.payload.text)).not.toContain('ede_diagnostic')
})

test('stopped before any text: just the stopped line', async () => {
  const s = setup()
  await s.run([interrupted])
  expect(s.finals().map((c) => c.payload.text)).toEqual(['⏹ Stopped.'])
})

test('a frozen CLI killed after /stop keeps the partial answer too', async () => {
  const s = setup()
  await s.run([delta('so far')], new TurnStoppedError('stop', 2000))
  expect(s.finals().map((c) => c.payload.text)).toEqual(['so far\n\n⏹ Stopped.'])
})

test('a background session’s stopped answer is labelled like its answers', async () => {
  const s = setup()
  await s.run([delta('partial'), interrupted], undefined, 's-bg')
  const text = String(s.finals().at(-1)?.payload.text)
  expect(text).toBe('<b>[work]</b>\npartial\n\n⏹ Stopped.')
})
