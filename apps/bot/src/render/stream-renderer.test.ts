import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { htmlToPlain, visibleLength } from './plain-text.js'
import {
  DEFAULT_LIVE_INTERVAL_MS,
  FIRST_TEXT_GRACE_MS,
  type LiveSink,
  StreamRenderer,
} from './stream-renderer.js'
import { validateTelegramHtml } from './testing/telegram-html-validator.js'

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

/** A sink that records calls and tracks overlap, answering after `latencyMs`. */
function fakeSink(latencyMs: number) {
  const calls: { kind: 'send' | 'edit'; html: string; at: number; id?: number }[] = []
  let inFlight = 0
  let maxInFlight = 0
  const track = async () => {
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    await new Promise((r) => setTimeout(r, latencyMs))
    inFlight--
  }
  const sink: LiveSink = {
    async send(html) {
      calls.push({ kind: 'send', html, at: Date.now() })
      await track()
      return 42
    },
    async edit(id, html) {
      calls.push({ kind: 'edit', html, at: Date.now(), id })
      await track()
    },
  }
  return { sink, calls, maxInFlight: () => maxInFlight }
}

describe('StreamRenderer', () => {
  it('keeps only the tail of a multi-MB answer, so each update costs the same', async () => {
    const { sink, calls } = fakeSink(10)
    const renderer = new StreamRenderer({ sink, title: 'big' })
    const started = performance.now()
    for (let i = 0; i < 5_000; i++) renderer.appendText(`${String(i).padStart(999, '.')}\n`)
    // 5 MB in 5,000 deltas: re-rendering the whole text each time would take minutes.
    expect(performance.now() - started).toBeLessThan(2_000)
    const finished = renderer.finish()
    await vi.advanceTimersByTimeAsync(10_000)
    await finished
    const last = calls.at(-1)?.html ?? ''
    expect(visibleLength(last)).toBeLessThanOrEqual(4096)
    expect(htmlToPlain(last)).toMatch(/^big · done\n\n…[\s\S]*\.4999$/)
  })

  it.each([100, 1500, 5000])(
    'turns a burst of 1,000 deltas in 10 s into few, distinct, non-overlapping updates (sink latency %i ms)',
    async (latency) => {
      const { sink, calls, maxInFlight } = fakeSink(latency)
      const renderer = new StreamRenderer({ sink, title: 'research' })
      for (let i = 0; i < 1000; i++) {
        renderer.appendText(`word${i} `)
        if (i % 100 === 0) renderer.toolStarted(`t${i}`, 'Bash', { command: `step ${i}` })
        if (i % 100 === 50) renderer.toolFinished(`t${i - 50}`, i === 550)
        await vi.advanceTimersByTimeAsync(10)
      }
      const finished = renderer.finish()
      await vi.advanceTimersByTimeAsync(60_000)
      await finished
      // 10 s at one update per 2 s: at most 1 + 10000/2000 during the burst, plus the final one.
      const bound = 1 + 10_000 / DEFAULT_LIVE_INTERVAL_MS + 1
      expect(calls.length).toBeLessThanOrEqual(bound)
      expect(calls[0]?.kind).toBe('send')
      expect(calls.slice(1).every((c) => c.kind === 'edit' && c.id === 42)).toBe(true)
      expect(maxInFlight()).toBe(1)
      for (let k = 1; k < calls.length; k++) {
        expect(calls[k]?.html).not.toBe(calls[k - 1]?.html)
        expect((calls[k]?.at ?? 0) - (calls[k - 1]?.at ?? 0)).toBeGreaterThanOrEqual(
          DEFAULT_LIVE_INTERVAL_MS,
        )
      }
      const last = calls.at(-1)?.html ?? ''
      expect(last).toBe(renderer.render())
      expect(htmlToPlain(last)).toContain('word999')
      expect(htmlToPlain(last)).toContain('done')
      expect(htmlToPlain(last)).toContain('10 tools done, 1 failed')
      for (const c of calls) expect(validateTelegramHtml(c.html, { limit: 3500 })).toEqual([])
    },
  )

  it('the first text after a "working…" placeholder follows within the grace; then the interval holds', async () => {
    const { sink, calls } = fakeSink(10)
    const renderer = new StreamRenderer({ sink, title: 'main' })
    renderer.setStatus('working…')
    await vi.advanceTimersByTimeAsync(50)
    renderer.appendText('Hello')
    await vi.advanceTimersByTimeAsync(50)
    renderer.appendText(' world')
    expect(calls.map((c) => htmlToPlain(c.html))).toEqual(['main · working…'])
    await vi.advanceTimersByTimeAsync(FIRST_TEXT_GRACE_MS)
    expect(calls.map((c) => htmlToPlain(c.html))).toEqual([
      'main · working…',
      'main · working…\n\nHello world',
    ])
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBeLessThanOrEqual(FIRST_TEXT_GRACE_MS + 20)
    renderer.appendText('!')
    await vi.advanceTimersByTimeAsync(DEFAULT_LIVE_INTERVAL_MS)
    expect(calls).toHaveLength(3)
    expect((calls[2]?.at ?? 0) - (calls[1]?.at ?? 0)).toBeGreaterThanOrEqual(
      DEFAULT_LIVE_INTERVAL_MS,
    )
    await renderer.abandon()
  })

  it('a quick answer within the grace never sends the preview of its text', async () => {
    const { sink, calls } = fakeSink(10)
    const renderer = new StreamRenderer({ sink, title: 'main' })
    renderer.setStatus('working…')
    await vi.advanceTimersByTimeAsync(20)
    renderer.appendText('Hi!')
    await vi.advanceTimersByTimeAsync(50)
    await renderer.abandon() // the final message is on its way
    await vi.advanceTimersByTimeAsync(1_000)
    expect(calls).toHaveLength(1)
  })

  it('shows status and the current tool, and sends the first state at once', async () => {
    const { sink, calls } = fakeSink(10)
    const renderer = new StreamRenderer({ sink, title: 'my <session>', cwd: '/p' })
    renderer.setStatus('queued')
    await vi.advanceTimersByTimeAsync(0)
    expect(calls.map((c) => htmlToPlain(c.html))).toEqual(['my <session> · queued'])
    renderer.setStatus('working')
    renderer.toolStarted('1', 'Edit', {
      file_path: '/p/src/a.ts',
      old_string: 'a',
      new_string: 'b',
    })
    renderer.toolStarted('2', 'Bash', { command: 'npm test' })
    await vi.advanceTimersByTimeAsync(DEFAULT_LIVE_INTERVAL_MS)
    expect(htmlToPlain(calls[1]?.html ?? '')).toBe(
      'my <session> · working\n⚙️ Bash: npm test (+1 more)',
    )
    renderer.toolFinished('2', false)
    renderer.appendText('Fixed **it** <now>')
    await vi.advanceTimersByTimeAsync(DEFAULT_LIVE_INTERVAL_MS)
    // The answer so far is rendered Markdown, like the final answer.
    expect(calls[2]?.html).toBe(
      '<b>my &lt;session&gt;</b> · <i>working</i>\n⚙️ Edit: src/a.ts\n✓ 1 tool done\n\nFixed <b>it</b> &lt;now&gt;',
    )
  })

  it('shows only the tail of a long answer, within the live-view limit', async () => {
    const { sink, calls } = fakeSink(10)
    const renderer = new StreamRenderer({ sink, title: 's', maxVisible: 500 })
    renderer.appendText(Array.from({ length: 300 }, (_, i) => `line ${i} 😀 <&>`).join('\n'))
    const finished = renderer.finish()
    await vi.advanceTimersByTimeAsync(5000)
    await finished
    const html = calls.at(-1)?.html ?? ''
    expect(visibleLength(html)).toBeLessThanOrEqual(500)
    expect(validateTelegramHtml(html, { limit: 500 })).toEqual([])
    expect(htmlToPlain(html)).toMatch(/\n\n…\nline \d+ 😀 <&>\n/)
    expect(htmlToPlain(html).endsWith('line 299 😀 <&>')).toBe(true)
  })

  it('ignores events after finish and finishes only once', async () => {
    const { sink, calls } = fakeSink(10)
    const renderer = new StreamRenderer({ sink, title: 's' })
    renderer.appendText('hi')
    const first = renderer.finish('stopped')
    await vi.advanceTimersByTimeAsync(5000)
    await first
    renderer.appendText('late')
    await renderer.finish()
    await vi.advanceTimersByTimeAsync(5000)
    expect(calls).toHaveLength(2)
    expect(htmlToPlain(calls[1]?.html ?? '')).toBe('s · stopped\n\nhi')
  })
})
