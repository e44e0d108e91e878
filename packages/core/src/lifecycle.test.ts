import { describe, expect, it } from 'vitest'
import { InvalidTransitionError } from './errors.js'
import { canTransition, transition } from './lifecycle.js'
import type { SessionStatus } from './session-metadata.js'

const matrix: [SessionStatus, SessionStatus, boolean][] = [
  ['idle', 'idle', false],
  ['idle', 'active', true],
  ['idle', 'suspended', false],
  ['active', 'idle', false],
  ['active', 'active', true],
  ['active', 'suspended', true],
  ['suspended', 'idle', false],
  ['suspended', 'active', true],
  ['suspended', 'suspended', false],
]

describe('lifecycle', () => {
  it.each(matrix)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed)
    if (allowed) expect(transition('s', from, to)).toBe(to)
    else expect(() => transition('s', from, to)).toThrow(InvalidTransitionError)
  })

  it('names the session and both states in the error', () => {
    expect(() => transition('work', 'idle', 'suspended')).toThrow(
      /"work" cannot go from idle to suspended/,
    )
  })
})
