import { describe, expect, test } from 'vitest'
import { fixtureNames, readFixture } from '../../test/support/fixtures.js'
import { mapLineToEvents } from '../map-events.js'
import { parseLine } from './parse-line.js'

describe('every line of every recorded transcript parses into a known kind', () => {
  test.each(fixtureNames())('%s', (name) => {
    const outLines = readFixture(name).filter((l) => l.dir === 'out')
    expect(outLines.length).toBeGreaterThan(2)
    for (const { text } of outLines) {
      const parsed = parseLine(text)
      expect(parsed.kind, text.slice(0, 200)).not.toMatch(/^(unknown|invalid)$/)
    }
  })
})

test('the transcripts map to the expected events', () => {
  const kinds = (name: string) =>
    readFixture(name)
      .filter((l) => l.dir === 'out')
      .flatMap((l) => mapLineToEvents(parseLine(l.text)).map((e) => e.type))
  expect(kinds('simple.jsonl')).toEqual(['text', 'result'])
  expect(kinds('tool-allow.jsonl')).toEqual(['tool_use', 'tool_result', 'text', 'result'])
  expect(kinds('partial-messages.jsonl')).toEqual([
    'status',
    ...Array(5).fill('text_delta'),
    'text',
    'result',
  ])
  expect(kinds('interrupt.jsonl')).toEqual(['text', 'result', 'text', 'result'])
})

test('result fields: success, interrupt, max turns, API error', () => {
  const result = (name: string, index = 0) =>
    readFixture(name)
      .filter((l) => l.dir === 'out')
      .flatMap((l) => mapLineToEvents(parseLine(l.text)))
      .filter((e) => e.type === 'result')[index]
  expect(result('simple.jsonl')).toMatchObject({
    subtype: 'success',
    isError: false,
    text: 'ECHO: hello there',
    costUsd: 0.00048,
    numTurns: 1,
    usage: { inputTokens: 20, outputTokens: 20 },
  })
  expect(result('interrupt.jsonl')).toMatchObject({
    subtype: 'error_during_execution',
    isError: true,
    text: undefined,
    errors: [expect.any(String)],
  })
  expect(result('max-turns.jsonl')).toMatchObject({
    subtype: 'error_max_turns',
    isError: true,
    errors: ['Reached maximum number of turns (1)'],
  })
  expect(result('api-error.jsonl')).toMatchObject({
    subtype: 'success',
    isError: true,
    text: 'API Error: 400 harness failure 400',
  })
})

test('unknown types, unknown subtypes, changed shapes and bad JSON never throw', () => {
  expect(parseLine('{"type":"future","x":1}')).toMatchObject({
    kind: 'unknown',
    reason: 'type future',
  })
  expect(parseLine('{"type":"system","subtype":"permission_denied"}')).toMatchObject({
    kind: 'unknown',
  })
  expect(parseLine('{"type":"result","subtype":1}')).toMatchObject({
    kind: 'unknown',
    reason: expect.stringMatching(/^result:/),
  })
  expect(parseLine('[1,2]')).toMatchObject({ kind: 'unknown' })
  expect(parseLine('not json')).toMatchObject({ kind: 'invalid' })
  expect(mapLineToEvents(parseLine('{"type":"future"}'))).toEqual([
    { type: 'unknown', raw: { type: 'future' }, reason: 'type future' },
  ])
})

test('unknown fields are kept on known lines', () => {
  const parsed = parseLine(
    '{"type":"result","subtype":"success","is_error":false,"session_id":"s","brand_new":true}',
  )
  expect(parsed.kind === 'result' && (parsed.line as Record<string, unknown>).brand_new).toBe(true)
})
