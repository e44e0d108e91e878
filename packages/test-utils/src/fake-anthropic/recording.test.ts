import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startFakeAnthropicApi } from './server.js'
import type { FakeAnthropicApi } from './types.js'

let api: FakeAnthropicApi
beforeEach(async () => {
  api = await startFakeAnthropicApi()
})
afterEach(async () => {
  await api.close()
})

const reminder = { type: 'text', text: '<system-reminder>\nctx\n</system-reminder>' }
const toolUse = { type: 'tool_use', id: 'toolu_1', name: 'Bash', input: { command: 'ls' } }

async function send(payload: unknown, path = '/v1/messages?beta=true', method = 'POST') {
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: method === 'POST' ? JSON.stringify(payload) : undefined,
  })
  return { status: res.status, text: await res.text() }
}

describe('request recording', () => {
  it('extracts system text, the prompt and the model', async () => {
    await send({
      model: 'claude-x',
      stream: true,
      system: [
        { type: 'text', text: 'one' },
        { type: 'text', text: 'two XYZ' },
      ],
      tools: [{ name: 'Bash' }],
      messages: [
        { role: 'user', content: [reminder, { type: 'text', text: 'first' }] },
        { role: 'assistant', content: [{ type: 'text', text: 'echo: first' }] },
        { role: 'user', content: [reminder, { type: 'text', text: 'SYSTEM?' }] },
      ],
    })
    const [req] = api.requests
    expect(req).toMatchObject({
      path: '/v1/messages',
      url: '/v1/messages?beta=true',
      model: 'claude-x',
      stream: true,
      systemText: 'one\ntwo XYZ',
      lastUserText: 'SYSTEM?',
      prompt: 'SYSTEM?',
      hasToolResult: false,
      isSideRequest: false,
    })
    expect(req?.messages).toHaveLength(3)
    expect(req?.headers['content-type']).toBe('application/json')
  })

  it('records tool results of the last user message', async () => {
    const { text } = await send({
      model: 'm',
      stream: false,
      tools: [{ name: 'Bash' }],
      messages: [
        { role: 'user', content: 'TOOL:Bash:ls' },
        { role: 'assistant', content: [toolUse] },
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              content: [{ type: 'text', text: 'a.txt' }],
            },
          ],
        },
      ],
    })
    expect(api.requests[0]).toMatchObject({
      hasToolResult: true,
      toolResultText: 'a.txt',
      lastUserText: '',
      isSideRequest: false,
    })
    expect(JSON.parse(text).content[0].text).toBe('tool result: a.txt')
  })

  it('keeps the failed prompt in lastUserText but answers the newest one', async () => {
    // After an API error the CLI resends the failed prompt and the new one in one user message.
    const { text } = await send({
      model: 'm',
      tools: [{ name: 'Bash' }],
      messages: [
        {
          role: 'user',
          content: [
            reminder,
            { type: 'text', text: 'ERROR:500:boom\n' },
            { type: 'text', text: '[Request interrupted by user]' },
            { type: 'text', text: 'after' },
          ],
        },
      ],
    })
    expect(api.requests[0]).toMatchObject({
      lastUserText: 'ERROR:500:boom\nafter',
      prompt: 'after',
    })
    expect(JSON.parse(text).content[0].text).toBe('echo: after')
  })

  it('flags requests without tools as side requests and leaves them out of turnRequests()', async () => {
    await send({ model: 'm', messages: [{ role: 'user', content: 'make a title' }] })
    await send({
      model: 'm',
      tools: [{ name: 'Bash' }],
      messages: [{ role: 'user', content: 'hi' }],
    })
    expect(api.requests.map((r) => r.isSideRequest)).toEqual([true, false])
    expect(api.turnRequests().map((r) => r.lastUserText)).toEqual(['hi'])
  })

  it('answers and records the other endpoints', async () => {
    expect((await send({ messages: [] }, '/v1/messages/count_tokens?beta=true')).text).toMatch(
      /^\{"input_tokens":\d+\}$/,
    )
    expect((await send(undefined, '/api/hello', 'HEAD')).status).toBe(200)
    const missing = await send({}, '/v1/nothing')
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.text).error.type).toBe('not_found_error')
    const notJson = await fetch(`${api.url}/v1/messages`, { method: 'POST', body: '{oops' })
    expect(notJson.status).toBe(400)
    expect(api.allRequests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /v1/messages/count_tokens',
      'HEAD /api/hello',
      'POST /v1/nothing',
      'POST /v1/messages',
    ])
    expect(api.requests).toHaveLength(1)
  })
})
