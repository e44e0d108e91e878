import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { type StallReport, StallWatchdog } from './watchdog.js'

describe('StallWatchdog', () => {
  let reports: StallReport[]
  let waiting: boolean
  let dog: StallWatchdog

  beforeEach(() => {
    vi.useFakeTimers()
    reports = []
    waiting = false
    dog = new StallWatchdog({
      timeoutMs: 1000,
      waitingOnUs: () => waiting,
      report: (report) => reports.push(report),
    })
  })
  afterEach(() => {
    dog.turnEnded()
    vi.useRealTimers()
  })

  test('a silent running turn is reported once, and again active when a line comes', () => {
    dog.turnStarted()
    vi.advanceTimersByTime(600)
    dog.activity() // a line: the clock restarts
    vi.advanceTimersByTime(999)
    expect(reports).toEqual([])
    vi.advanceTimersByTime(1)
    expect(reports).toEqual([{ type: 'stalled', silentForMs: 1000 }])
    vi.advanceTimersByTime(5000)
    expect(reports).toHaveLength(1)
    expect(dog.silentForMs()).toBe(6000)
    dog.activity()
    expect(reports[1]).toEqual({ type: 'active', silentForMs: 6000 })
  })

  test('no turn running, or the watchdog off: nothing is reported', () => {
    vi.advanceTimersByTime(5000)
    dog.setTimeout(0)
    dog.turnStarted()
    vi.advanceTimersByTime(5000)
    expect(reports).toEqual([])
    expect(dog.silentForMs()).toBe(5000)
    dog.turnEnded()
    expect(dog.silentForMs()).toBeUndefined()
  })

  test('waiting for a permission answer is not a stall; the answer restarts the clock', () => {
    dog.turnStarted()
    waiting = true
    vi.advanceTimersByTime(10_000)
    expect(reports).toEqual([])
    expect(dog.silentForMs()).toBe(0)
    waiting = false
    dog.activity() // the answer went back
    vi.advanceTimersByTime(999)
    expect(reports).toEqual([])
    vi.advanceTimersByTime(1)
    expect(reports).toEqual([{ type: 'stalled', silentForMs: 1000 }])
  })

  test('a shorter limit set while a turn runs applies at once', () => {
    dog.turnStarted()
    vi.advanceTimersByTime(400)
    dog.setTimeout(300)
    vi.advanceTimersByTime(0)
    expect(reports).toEqual([{ type: 'stalled', silentForMs: 400 }])
  })
})
