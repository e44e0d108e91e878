import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname } from 'node:path'
import {
  INVALID_FORMAT,
  MAX_AUDIO_BYTES,
  openAiErrorBody,
  SUPPORTED_FORMATS,
} from './openai-errors.js'
import type {
  FakeTranscriber,
  TranscriberReply,
  TranscriberResponder,
  TranscriptionRequest,
} from './types.js'

const ROUTE = '/v1/audio/transcriptions'

/** The default: the "audio" is text, and its bytes (trimmed) are the transcript. */
export const echoTranscript: TranscriberResponder = (request) => ({
  text: request.file?.bytes.toString('utf8').trim() ?? '',
})

/**
 * Starts a fake OpenAI-compatible transcription server on 127.0.0.1 (random port). Strict like
 * OpenAI's: Bearer key (when `apiKey` is given), multipart with `model` and a `file` of a supported
 * format, 25 MB at most; each refusal is the API's error body.
 */
export async function startFakeTranscriber(
  options: { apiKey?: string; responder?: TranscriberResponder } = {},
): Promise<FakeTranscriber> {
  let responder = options.responder ?? echoTranscript
  const scripted: TranscriberReply[] = []
  const requests: TranscriptionRequest[] = []

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req)
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (req.method !== 'POST' || path !== ROUTE) {
      return sendError(res, 404, `Invalid URL (${req.method} ${path})`)
    }
    const request = await parseRequest(req, path, body)
    requests.push(request)
    const refusal = check(request, options.apiKey, body.length)
    if (refusal) return sendError(res, refusal.status, refusal.message, refusal.code)
    const reply = scripted.shift() ?? (await responder(request))
    if ('hang' in reply) return // the client's deadline has to end it
    if ('raw' in reply) {
      res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'text/plain' })
      return res.end(reply.raw)
    }
    if ('status' in reply) return sendError(res, reply.status, reply.message ?? 'error', reply.code)
    if (request.fields.response_format === 'text') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      return res.end(reply.text)
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ text: reply.text }))
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, `fake transcriber failed: ${String(error)}`)
      else res.destroy()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/v1`,
    apiKey: options.apiKey,
    requests,
    setResponder(r) {
      responder = r
    },
    replyNext(...replies) {
      scripted.push(...replies)
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

interface Refusal {
  status: number
  message: string
  code?: string
}

/** What OpenAI would refuse, checked in its order: key, form, model, file, size. */
function check(
  request: TranscriptionRequest,
  apiKey: string | undefined,
  size: number,
): Refusal | undefined {
  if (apiKey !== undefined) {
    const auth = request.authorization
    if (auth === undefined || !auth.startsWith('Bearer ')) {
      return {
        status: 401,
        message:
          "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      }
    }
    const given = auth.slice('Bearer '.length)
    if (given !== apiKey) {
      return {
        status: 401,
        message: `Incorrect API key provided: ${given.slice(0, 3)}***${given.slice(-4)}.`,
        code: 'invalid_api_key',
      }
    }
  }
  if (size > MAX_AUDIO_BYTES) {
    return {
      status: 413,
      message: `Maximum content size limit (${MAX_AUDIO_BYTES}) exceeded (${size} bytes read)`,
    }
  }
  if (!request.fields.model) return { status: 400, message: 'you must provide a model parameter' }
  if (!request.file) return { status: 400, message: "Missing required parameter: 'file'." }
  const ext = extname(request.file.name).slice(1).toLowerCase()
  if (!(SUPPORTED_FORMATS as readonly string[]).includes(ext)) {
    return { status: 400, message: INVALID_FORMAT }
  }
  return undefined
}

async function parseRequest(
  req: IncomingMessage,
  path: string,
  body: Buffer,
): Promise<TranscriptionRequest> {
  const fields: Record<string, string> = {}
  let file: TranscriptionRequest['file']
  const type = req.headers['content-type'] ?? ''
  if (type.startsWith('multipart/form-data')) {
    // The platform's own multipart parser (undici's Request.formData).
    const form = await new Request('http://fake.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: new Uint8Array(body),
    })
      .formData()
      .catch(() => undefined)
    for (const [name, value] of form?.entries() ?? []) {
      if (typeof value === 'string') fields[name] = value
      else if (name === 'file') {
        file = { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) }
      }
    }
  }
  const auth = req.headers.authorization
  return { path, authorization: auth, fields, file }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function sendError(res: ServerResponse, status: number, message: string, code?: string): void {
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(openAiErrorBody(status, message, code))
}
