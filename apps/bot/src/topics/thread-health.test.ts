import { describe, expect, it } from 'vitest'
import { ThreadHealth } from './thread-health.js'

describe('ThreadHealth', () => {
  it('judges a topic that a send reached and then fails as deleted, once', () => {
    const health = new ThreadHealth()
    health.delivered(1, 7)
    expect(health.failed(1, 7)).toBe('deleted')
    expect(health.failed(1, 7)).toBe('known') // the rest of that answer, a chat action…
  })

  it('judges a topic no send reached yet (after a restart) deleted, not an outage', () => {
    expect(new ThreadHealth().failed(1, 7)).toBe('deleted')
  })

  it('a "deleted" topic the user writes in again and that fails again is an outage (issue 847)', () => {
    const health = new ThreadHealth()
    expect(health.failed(1, 8)).toBe('deleted')
    expect(health.wrote(1, 8)).toBe(true)
    expect(health.failed(1, 8)).toBe('outage')
  })

  it('calls a second failing topic with no success in between an outage (issue 847)', () => {
    const health = new ThreadHealth()
    health.delivered(1, 7)
    health.delivered(1, 8)
    expect(health.failed(1, 7)).toBe('deleted')
    expect(health.failed(1, 8)).toBe('outage')
  })

  it('an outage takes back the deletions of its streak', () => {
    const health = new ThreadHealth()
    health.delivered(1, 7)
    health.delivered(1, 8)
    expect(health.failed(1, 7)).toBe('deleted')
    expect(health.failed(1, 8)).toBe('outage')
    expect(health.takeRestorable()).toEqual([{ chatId: 1, threadId: 7 }])
    expect(health.takeRestorable()).toEqual([])
  })

  it('a topic send that works in between keeps a later deletion a deletion', () => {
    const health = new ThreadHealth()
    health.delivered(1, 7)
    expect(health.failed(1, 7)).toBe('deleted')
    health.delivered(1, 8)
    health.delivered(1, 9)
    expect(health.failed(1, 9)).toBe('deleted')
  })

  it('a "deleted" topic the user writes in again failing again is an outage', () => {
    const health = new ThreadHealth()
    health.delivered(1, 7)
    expect(health.failed(1, 7)).toBe('deleted')
    expect(health.wrote(1, 7)).toBe(true)
    expect(health.failed(1, 7)).toBe('outage')
  })
})
