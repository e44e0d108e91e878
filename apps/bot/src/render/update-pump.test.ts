import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { UpdatePump } from './update-pump.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

function recorder(latencyMs: number, fail?: (value: string) => boolean) {
  const delivered: { value: string; at: number }[] = []
  let inFlight = 0
  let maxInFlight = 0
  const deliver = async (value: string) => {
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    delivered.push({ value, at: Date.now() })
    await new Promise((r) => setTimeout(r, latencyMs))
    inFlight--
    if (fail?.(value)) throw new Error(`failed ${value}`)
  }
  return { delivered, deliver, maxInFlight: () => maxInFlight }
}

describe('UpdatePump', () => {
  it('makes a value offered as a function only when it is due, once per delivery', async () => {
    const r = recorder(10)
    const pump = new UpdatePump({ deliver: r.deliver, minIntervalMs: 1000 })
    let state = 'a'
    let made = 0
    const render = () => {
      made++
      return state
    }
    pump.offer(render)
    for (const next of ['b', 'c', 'd']) {
      state = next
      pump.offer(render)
    }
    await vi.advanceTimersByTimeAsync(1000)
    // 'a' at once, the latest ('d') when the interval allows; then an unchanged one is not sent.
    pump.offer(render)
    await vi.advanceTimersByTimeAsync(1000)
    await pump.flush()
    expect(r.delivered.map((d) => d.value)).toEqual(['a', 'd'])
    expect(made).toBe(3)
  })

  it('delivers the first value at once, then only the latest value per interval', async () => {
    const r = recorder(10)
    const pump = new UpdatePump({ deliver: r.deliver, minIntervalMs: 1000 })
    pump.offer('a')
    pump.offer('b')
    pump.offer('c')
    await vi.advanceTimersByTimeAsync(999)
    expect(r.delivered.map((d) => d.value)).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(1)
    expect(r.delivered.map((d) => d.value)).toEqual(['a', 'c'])
  })

  it('skips a value equal to the last one delivered', async () => {
    const r = recorder(10)
    const pump = new UpdatePump({ deliver: r.deliver, minIntervalMs: 100 })
    pump.offer('same')
    await vi.advanceTimersByTimeAsync(50)
    pump.offer('other') // within the interval: waits, and is then replaced by…
    pump.offer('same') // …a value equal to what the message already shows
    await vi.advanceTimersByTimeAsync(500)
    await pump.flush()
    expect(r.delivered.map((d) => d.value)).toEqual(['same'])
  })

  it('never overlaps deliveries, even when delivery is slower than the interval', async () => {
    const r = recorder(2500)
    const pump = new UpdatePump({ deliver: r.deliver, minIntervalMs: 1000 })
    for (let i = 0; i < 100; i++) {
      pump.offer(`v${i}`)
      await vi.advanceTimersByTimeAsync(100)
    }
    const done = pump.flush()
    await vi.advanceTimersByTimeAsync(10_000)
    await done
    expect(r.maxInFlight()).toBe(1)
    expect(r.delivered.at(-1)?.value).toBe('v99')
  })

  it('carries on after a failed delivery and does not retry the same value', async () => {
    const errors: unknown[] = []
    const r = recorder(10, (v) => v === 'bad')
    const pump = new UpdatePump({
      deliver: r.deliver,
      minIntervalMs: 100,
      onError: (e) => errors.push(e),
    })
    pump.offer('bad')
    await vi.advanceTimersByTimeAsync(1000)
    pump.offer('good')
    const done = pump.flush()
    await vi.advanceTimersByTimeAsync(1000)
    await done
    expect(r.delivered.map((d) => d.value)).toEqual(['bad', 'good'])
    expect(errors).toHaveLength(1)
  })

  it('re-delivers an unchanged value on keep-alive until closed', async () => {
    const r = recorder(10)
    const pump = new UpdatePump({ deliver: r.deliver, minIntervalMs: 100, keepAliveMs: 20_000 })
    pump.offer('draft')
    await vi.advanceTimersByTimeAsync(45_000)
    const start = r.delivered[0]?.at ?? 0
    expect(r.delivered.map((d) => d.at - start)).toEqual([0, 20_000, 40_000])
    await pump.close()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(r.delivered).toHaveLength(3)
  })
})
