import type { ClaudeConversation } from '@switchboard/core'
import { expect, test } from 'vitest'
import {
  conversationButtonText,
  conversationLine,
  messagesText,
  openingWords,
} from './resume-format.js'

const now = Date.parse('2026-12-02T12:00:00Z')
const conversation = (over: Partial<ClaudeConversation> = {}): ClaudeConversation => ({
  id: '11111111-1111-4111-8111-111111111111',
  updatedAt: new Date(now - 5 * 60_000),
  firstPrompt: 'fix the <flaky> test & then run the whole suite again please, twice if needed',
  messageCount: 12,
  countIsPartial: false,
  ...over,
})

test('opening words: short prompts whole, long ones cut at a word with "…"', () => {
  expect(openingWords('hello there')).toBe('hello there')
  expect(openingWords('one two three four five', 12)).toBe('one two…')
  expect(openingWords('x'.repeat(80), 10)).toBe(`${'x'.repeat(10)}…`)
})

test('a line: when, the escaped opening words, the count (a lower bound marked "+")', () => {
  expect(conversationLine(conversation(), now)).toBe(
    '5 min ago — “fix the &lt;flaky&gt; test &amp; then run the whole suite again…” — 12 messages',
  )
  expect(messagesText(conversation({ messageCount: 1 }))).toBe('1 message')
  expect(messagesText(conversation({ messageCount: 400, countIsPartial: true }))).toBe(
    '400+ messages',
  )
})

test('a button label is plain text and short', () => {
  expect(conversationButtonText(conversation(), now)).toBe(
    '5 min ago · fix the <flaky> test & then run…',
  )
})
