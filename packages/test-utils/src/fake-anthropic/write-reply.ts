import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { setTimeout as sleep } from 'node:timers/promises'
import { errorBody, errorTypeFor } from './api-errors.js'
import * as sse from './sse.js'
import type { FakeReply, RecordedRequest } from './types.js'
import { usageFor } from './usage.js'

const DEFAULT_CHUNKS = 4
const DEFAULT_MODEL = 'claude-fake'

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`
}

/** Writes one reply: SSE when the request asked to stream, a JSON message otherwise. */
export async function writeReply(
  res: ServerResponse,
  reply: FakeReply,
  req: RecordedRequest,
  rawBody: string,
  signal: AbortSignal,
): Promise<void> {
  const requestId = newId('req')
  if (reply.kind === 'hang') return hang(res, signal)
  if (reply.kind === 'error') {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'request-id': requestId,
    }
    // The SDK inside the CLI retries 429/5xx with backoff unless told not to.
    if (reply.retry !== true) headers['x-should-retry'] = 'false'
    res.writeHead(reply.status, headers)
    res.end(errorBody(reply.type ?? errorTypeFor(reply.status), reply.message, requestId))
    return
  }
  const model = req.model ?? DEFAULT_MODEL
  const outputText =
    reply.kind === 'text' ? reply.text : `${reply.text ?? ''}${JSON.stringify(reply.input)}`
  const usage = usageFor(rawBody, outputText)
  if (!req.stream) {
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': requestId })
    res.end(JSON.stringify(jsonMessage(reply, model, usage)))
    return
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
    'request-id': requestId,
  })
  const send = (event: sse.StreamEvent) => {
    if (!res.writableEnded && !res.destroyed) res.write(sse.encodeSse(event))
  }
  // Stop pausing as soon as the client goes away (an interrupt) or the server closes.
  const gone = new AbortController()
  res.once('close', () => gone.abort())
  const stop = AbortSignal.any([signal, gone.signal])
  send(sse.messageStart(newId('msg'), model, usage))
  send(sse.ping())
  let index = 0
  if (reply.text !== undefined) {
    const chunks = sse.splitChunks(
      reply.text,
      (reply.kind === 'text' && reply.chunkCount) || DEFAULT_CHUNKS,
    )
    const delayMs = reply.kind === 'text' ? (reply.chunkDelayMs ?? 0) : 0
    send(sse.textBlockStart(index))
    for (const [i, chunk] of chunks.entries()) {
      if (i > 0 && delayMs > 0 && !(await pause(delayMs, stop))) return
      send(sse.textDelta(index, chunk))
    }
    send(sse.blockStop(index))
    index++
  }
  if (reply.kind === 'tool_use') {
    send(sse.toolUseBlockStart(index, newId('toolu'), reply.name))
    // Several partial_json pieces, as the real API sends, so clients must accumulate them.
    for (const piece of sse.splitChunks(JSON.stringify(reply.input), 3)) {
      send(sse.inputJsonDelta(index, piece))
    }
    send(sse.blockStop(index))
  }
  send(sse.messageDelta(reply.kind === 'tool_use' ? 'tool_use' : 'end_turn', usage))
  send(sse.messageStop())
  res.end()
}

function jsonMessage(
  reply: FakeReply & { kind: 'text' | 'tool_use' },
  model: string,
  usage: sse.Usage,
) {
  const content: Record<string, unknown>[] = []
  if (reply.text !== undefined) content.push({ type: 'text', text: reply.text })
  if (reply.kind === 'tool_use') {
    content.push({ type: 'tool_use', id: newId('toolu'), name: reply.name, input: reply.input })
  }
  return {
    id: newId('msg'),
    type: 'message',
    role: 'assistant',
    model,
    content,
    stop_reason: reply.kind === 'tool_use' ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage,
  }
}

/** Resolves false when the server is closing (the stream must stop). */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal })
    return true
  } catch {
    return false
  }
}

// Sends headers-less silence until the client gives up or the server closes.
async function hang(res: ServerResponse, signal: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => {
    if (signal.aborted) return resolve()
    signal.addEventListener('abort', () => resolve(), { once: true })
    res.once('close', () => resolve())
  })
  res.destroy()
}
