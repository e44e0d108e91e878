import { describe, expect, it } from 'vitest'
import { sessionNameForTopic, withSuffix } from './topic-names.js'

describe('sessionNameForTopic', () => {
  it.each([
    ['research', 'research'],
    ['My Research!', 'my-research'],
    ['Café déjà vu', 'cafe-deja-vu'],
    ['  --Home.lab__2  ', 'home.lab__2'],
    ['all', 'all-session'],
    ['🚀🚀', 'topic-42'],
    ['Ω', 'topic-42'],
    ['a'.repeat(100), 'a'.repeat(64)],
  ])('%j → %s', (topic, name) => {
    expect(sessionNameForTopic(topic, 42)).toBe(name)
  })
})

describe('withSuffix', () => {
  it('adds -2, -3 … within 64 characters', () => {
    expect(withSuffix('research', 1)).toBe('research')
    expect(withSuffix('research', 2)).toBe('research-2')
    expect(withSuffix('a'.repeat(64), 12)).toBe(`${'a'.repeat(61)}-12`)
  })
})
