import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeAnthropicApi } from './server.js'
import { decodeSse, type StreamEvent } from './sse.js'
import type { FakeAnthropicApi } from './types.js'

let api: FakeAnthropicApi
beforeEach(async () => {
  api = await startFakeAnthropicApi()
})
afterEach(async () => {
  await api.close()
})

// A request shaped like the CLI's: reminder block first, then the prompt.
function body(prompt: string, extra: Record<string, unknown> = {}) {
  return {
    model: 'claude-test',
    stream: true,
    system: [
      { type: 'text', text: 'You are a test.' },
      { type: 'text', text: 'APPENDED' },
    ],
    tools: [{ name: 'Bash' }],
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>\nnoise\n</system-reminder>' },
          { type: 'text', text: prompt },
        ],
      },
    ],
    ...extra,
  }
}

function post(payload: unknown, path = '/v1/messages?beta=true', init: RequestInit = {}) {
  return fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    ...init,
  })
}

async function stream(prompt: string): Promise<StreamEvent[]> {
  const res = await post(body(prompt))
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toBe('text/event-stream')
  return decodeSse(await res.text())
}

const deltas = (events: StreamEvent[], kind: string, field: string) =>
  events
    .filter((e) => e.type === 'content_block_delta')
    .map((e) => e.delta as Record<string, string>)
    .filter((d) => d.type === kind)
    .map((d) => d[field])
    .join('')

describe('streaming replies', () => {
  it('streams a text reply in Anthropic SSE framing with usage', async () => {
    const events = await stream('hello there')
    expect(events.map((e) => e.type)).toEqual([
      'message_start',
      'ping',
      'content_block_start',
      ...Array(4).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ])
    expect(deltas(events, 'text_delta', 'text')).toBe('echo: hello there')
    expect(events[0]).toMatchObject({
      message: { model: 'claude-test', usage: { input_tokens: expect.any(Number) } },
    })
    expect(JSON.stringify(events[0])).not.toContain('"input_tokens":0')
    expect(events.at(-2)).toMatchObject({
      delta: { stop_reason: 'end_turn' },
      usage: { output_tokens: expect.any(Number), cache_read_input_tokens: 0 },
    })
  })

  it('streams a tool_use as input_json_delta pieces with stop_reason tool_use', async () => {
    const events = await stream('TOOL:Bash:echo hi > f.txt')
    expect(events[2]).toMatchObject({
      type: 'content_block_start',
      index: 0,
      content_block: { type: 'tool_use', name: 'Bash', id: expect.stringMatching(/^toolu_/) },
    })
    const json = deltas(events, 'input_json_delta', 'partial_json')
    expect(JSON.parse(json)).toEqual({ command: 'echo hi > f.txt', description: 'run command' })
    expect(events.filter((e) => e.type === 'content_block_delta').length).toBeGreaterThan(1)
    expect(events.at(-2)).toMatchObject({ delta: { stop_reason: 'tool_use' } })
  })

  it('uses a JSON argument as the tool input, after an optional text block', async () => {
    api.setResponder(() => ({
      kind: 'tool_use',
      name: 'Write',
      input: { file_path: '/abs/x', content: 'y' },
      text: 'writing',
    }))
    const events = await stream('anything')
    const starts = events.filter((e) => e.type === 'content_block_start')
    expect(starts.map((e) => (e.content_block as { type: string }).type)).toEqual([
      'text',
      'tool_use',
    ])
    expect(deltas(events, 'text_delta', 'text')).toBe('writing')
    expect(JSON.parse(deltas(events, 'input_json_delta', 'partial_json'))).toEqual({
      file_path: '/abs/x',
      content: 'y',
    })
  })

  it('splits SLOW replies into ten chunks', async () => {
    const events = await stream('SLOW:50:abcdefghij')
    expect(deltas(events, 'text_delta', 'text')).toBe('abcdefghij')
    expect(events.filter((e) => e.type === 'content_block_delta')).toHaveLength(10)
  })

  it('answers non-streaming requests with a JSON message', async () => {
    const res = await post(body('TOOL:Read:/etc/hosts', { stream: false }))
    expect(await res.json()).toMatchObject({
      type: 'message',
      role: 'assistant',
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', name: 'Read', input: { file_path: '/etc/hosts' } }],
      usage: { input_tokens: expect.any(Number), output_tokens: expect.any(Number) },
    })
  })
})

describe('errors and hangs', () => {
  it('answers ERROR:<status>:<message> with an Anthropic error body and no retry', async () => {
    const res = await post(body('ERROR:429:slow down please'))
    expect(res.status).toBe(429)
    expect(res.headers.get('x-should-retry')).toBe('false')
    expect(await res.json()).toMatchObject({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'slow down please' },
    })
  })

  it('turns a throwing responder into a 500', async () => {
    api.setResponder(() => {
      throw new Error('bad script')
    })
    const res = await post(body('x'))
    expect(res.status).toBe(500)
    expect(JSON.stringify(await res.json())).toContain('bad script')
  })

  it('never answers HANG, and close() ends the request', async () => {
    const pending = post(body('HANG')).then(
      (res) => res.text(),
      (error: unknown) => error,
    )
    await expect.poll(() => api.requests.length).toBe(1)
    await api.close()
    expect(await pending).toBeInstanceOf(Error)
  })

  it('close() ends a slow stream early', async () => {
    const res = await post(body('SLOW:60000:abcdefghij'))
    const reader = res.body?.getReader()
    expect(new TextDecoder().decode((await reader?.read())?.value)).toContain('message_start')
    await api.close()
    await expect(drain(reader)).rejects.toThrow()
  })
})

async function drain(reader: ReadableStreamDefaultReader<Uint8Array> | undefined) {
  for (;;) if ((await reader?.read())?.done !== false) return
}
