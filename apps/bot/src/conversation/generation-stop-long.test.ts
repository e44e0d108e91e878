import type { TurnEvent } from '@switchboard/process'
import { expect, test } from 'vitest'
import { TELEGRAM_MESSAGE_LIMIT } from '../render/split-message.js'
import { makeOutbox, resultEvent, scriptedTurn } from './testing/fakes.js'
import { runnerDeps, textDelta } from './testing/runner-deps.js'
import { runTurn } from './turn-runner.js'

function setup() {
  const { api, outbox } = makeOutbox()
  const deps = runnerDeps(outbox, 'draft')
  const run = (events: TurnEvent[]) =>
    runTurn(deps, {
      ref: { owner: '42', id: 's-main' },
      userId: 42,
      chatId: 42,
      sessionName: 'main',
      cwd: '/work',
      turn: scriptedTurn(events),
    })
  return { api, run }
}

const delta = textDelta
const interrupted = resultEvent({
  subtype: 'error_during_execution',
  isError: true,
  text: '[ede_diagnostic] {"abort":true}',
})
const visible = (html: unknown) =>
  String(html)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;|&gt;|&amp;|&quot;/g, '.').length

test('a partial answer of only whitespace is no answer: just the stopped line', async () => {
  const s = setup()
  await s.run([delta('  \n\n '), interrupted])
  expect(s.api.callsOf('sendMessage').map((c) => c.payload.text)).toEqual(['⏹ Stopped.'])
})

test('a long partial answer is split like any answer; every part fits, the last one says stopped', async () => {
  const s = setup()
  const paragraph = `${'word '.repeat(150).trim()}\n\n`
  await s.run([delta(paragraph.repeat(14)), interrupted]) // ~10,500 characters: 3 parts
  const parts = s.api.callsOf('sendMessage').map((c) => c.payload.text)
  expect(parts.length).toBeGreaterThan(1)
  expect(parts.every((text) => visible(text) <= TELEGRAM_MESSAGE_LIMIT)).toBe(true)
  expect(String(parts.at(-1)).endsWith('\n\n⏹ Stopped.')).toBe(true)
  expect(parts.filter((text) => String(text).includes('Stopped'))).toHaveLength(1)
  expect(parts.join('')).not.toContain('ede_diagnostic')
})

test('a very long partial answer: its first part with the stopped line, the whole as a .md', async () => {
  const s = setup()
  const paragraph = `${'word '.repeat(150).trim()}\n\n`
  await s.run([delta(paragraph.repeat(60)), interrupted]) // ~45,000 characters
  const parts = s.api.callsOf('sendMessage').map((c) => c.payload.text)
  expect(parts).toHaveLength(1)
  expect(visible(parts[0])).toBeLessThanOrEqual(TELEGRAM_MESSAGE_LIMIT)
  expect(String(parts[0]).endsWith('\n\n⏹ Stopped.')).toBe(true)
  expect(s.api.callsOf('sendDocument')).toHaveLength(1)
})
