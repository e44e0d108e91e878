import { describe, expect, it } from 'vitest'
import { defaultResponder } from './default-responder.js'
import type { RecordedRequest } from './types.js'

function request(prompt: string, overrides: Partial<RecordedRequest> = {}): RecordedRequest {
  return {
    path: '/v1/messages',
    url: '/v1/messages',
    headers: {},
    body: {},
    model: 'claude-test-model',
    stream: true,
    systemText: `${'x'.repeat(300)}APPENDED-END`,
    lastUserText: prompt,
    prompt,
    hasToolResult: false,
    toolResultText: '',
    messages: [],
    isSideRequest: false,
    ...overrides,
  }
}

const reply = (prompt: string, overrides?: Partial<RecordedRequest>) =>
  defaultResponder(request(prompt, overrides))

describe('defaultResponder', () => {
  it('echoes plain prompts', () => {
    expect(reply('hello')).toEqual({ kind: 'text', text: 'echo: hello' })
  })

  it('maps TOOL:<Name>:<arg> to the main field, or takes a JSON object as is', () => {
    expect(reply('TOOL:Bash:echo a:b > f.txt')).toEqual({
      kind: 'tool_use',
      name: 'Bash',
      input: { command: 'echo a:b > f.txt', description: 'run command' },
    })
    expect(reply('TOOL:Write:{"file_path":"/abs/x","content":"y"}')).toMatchObject({
      input: { file_path: '/abs/x', content: 'y' },
    })
    expect(reply('TOOL:Custom:zzz')).toMatchObject({ name: 'Custom', input: { input: 'zzz' } })
  })

  it('answers a tool result with its first 200 characters', () => {
    const out = reply('', { hasToolResult: true, toolResultText: 'r'.repeat(500) })
    expect(out).toEqual({ kind: 'text', text: `tool result: ${'r'.repeat(200)}` })
  })

  it('scripts slow replies, errors and hangs', () => {
    expect(reply('SLOW:500:abc')).toEqual({
      kind: 'text',
      text: 'abc',
      chunkCount: 10,
      chunkDelayMs: 50,
    })
    expect(reply('ERROR:529:busy: try later')).toEqual({
      kind: 'error',
      status: 529,
      message: 'busy: try later',
    })
    expect(reply('HANG')).toEqual({ kind: 'hang' })
  })

  it('reports the system prompt end, the model and earlier prompts', () => {
    expect(reply('SYSTEM?')).toMatchObject({ text: expect.stringMatching(/^x+APPENDED-END$/) })
    expect((reply('SYSTEM?') as { text: string }).text).toHaveLength(200)
    expect(reply('MODEL?')).toMatchObject({ text: 'claude-test-model' })
    const messages = [
      {
        role: 'user',
        content: [
          { type: 'text', text: '<system-reminder>x' },
          { type: 'text', text: 'one' },
        ],
      },
      { role: 'assistant', content: [{ type: 'text', text: 'echo: one' }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'ok' }] },
      { role: 'user', content: 'two' },
      { role: 'user', content: 'REMEMBER?' },
    ]
    expect(reply('REMEMBER?', { messages })).toMatchObject({ text: 'history: one | two' })
  })
})
