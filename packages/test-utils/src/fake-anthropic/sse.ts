/** Anthropic Messages streaming events, built as plain objects and framed as SSE. */

export interface Usage {
  input_tokens: number
  output_tokens: number
  cache_creation_input_tokens: number
  cache_read_input_tokens: number
}

export type StreamEvent = { type: string } & Record<string, unknown>

/** One SSE frame: `event: <type>` + `data: <json>` + blank line, as the real API sends it. */
export function encodeSse(event: StreamEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`
}

export function messageStart(id: string, model: string, usage: Usage): StreamEvent {
  return {
    type: 'message_start',
    message: {
      id,
      type: 'message',
      role: 'assistant',
      model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 1 },
    },
  }
}

export function ping(): StreamEvent {
  return { type: 'ping' }
}

export function textBlockStart(index: number): StreamEvent {
  return { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }
}

export function textDelta(index: number, text: string): StreamEvent {
  return { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }
}

export function toolUseBlockStart(index: number, id: string, name: string): StreamEvent {
  return {
    type: 'content_block_start',
    index,
    content_block: { type: 'tool_use', id, name, input: {} },
  }
}

export function inputJsonDelta(index: number, partialJson: string): StreamEvent {
  return {
    type: 'content_block_delta',
    index,
    delta: { type: 'input_json_delta', partial_json: partialJson },
  }
}

export function blockStop(index: number): StreamEvent {
  return { type: 'content_block_stop', index }
}

export function messageDelta(stopReason: 'end_turn' | 'tool_use', usage: Usage): StreamEvent {
  return {
    type: 'message_delta',
    delta: { stop_reason: stopReason, stop_sequence: null },
    usage,
  }
}

export function messageStop(): StreamEvent {
  return { type: 'message_stop' }
}

/** Splits text into `count` pieces of near-equal length (at least one piece, none empty unless text is). */
export function splitChunks(text: string, count: number): string[] {
  const n = Math.max(1, Math.min(Math.floor(count), text.length))
  const size = Math.ceil(text.length / n)
  const chunks: string[] = []
  for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size))
  return chunks.length > 0 ? chunks : ['']
}

/** Parses an SSE body back into events (for tests); throws if a frame's `event:` and data type differ. */
export function decodeSse(body: string): StreamEvent[] {
  return body
    .split('\n\n')
    .filter((frame) => frame.trim() !== '')
    .map((frame) => {
      const name = /^event: (.+)$/m.exec(frame)?.[1]
      const data = /^data: (.+)$/m.exec(frame)?.[1]
      const event = JSON.parse(data ?? 'null') as StreamEvent
      if (event?.type !== name) throw new Error(`SSE frame mismatch: event ${name}, data ${data}`)
      return event
    })
}
