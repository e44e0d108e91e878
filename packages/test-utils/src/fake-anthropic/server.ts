import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { errorBody, errorTypeFor } from './api-errors.js'
import { defaultResponder } from './default-responder.js'
import { FakeAnthropicError } from './errors.js'
import { recordRequest } from './record-request.js'
import type {
  FakeAnthropicApi,
  FakeReply,
  RawRequest,
  RecordedRequest,
  Responder,
} from './types.js'
import { estimateTokens } from './usage.js'
import { newId, writeReply } from './write-reply.js'

/** Starts a fake Anthropic Messages API on 127.0.0.1 (random port) that the real CLI can use. */
export async function startFakeAnthropicApi(
  options: { responder?: Responder } = {},
): Promise<FakeAnthropicApi> {
  let responder = options.responder ?? defaultResponder
  const requests: RecordedRequest[] = []
  const allRequests: RawRequest[] = []
  const closing = new AbortController()

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const rawBody = await readBody(req)
    const url = req.url ?? '/'
    const path = url.split('?')[0] ?? url
    allRequests.push({
      method: req.method ?? 'GET',
      url,
      path,
      headers: req.headers,
      body: rawBody,
    })
    if (req.method === 'POST' && path === '/v1/messages') {
      const recorded = recordRequest(url, req.headers, rawBody)
      requests.push(recorded)
      if (recorded.body === undefined) return sendError(res, 400, 'request body is not JSON')
      await writeReply(res, await safeReply(responder, recorded), recorded, rawBody, closing.signal)
      return
    }
    if (req.method === 'POST' && path === '/v1/messages/count_tokens') {
      return sendJson(res, 200, { input_tokens: estimateTokens(rawBody) })
    }
    // HEAD /api/hello is the CLI's connectivity check; answer any HEAD/GET probe with 200.
    if (req.method === 'HEAD' || (req.method === 'GET' && path === '/api/hello')) {
      res.writeHead(200).end()
      return
    }
    sendError(res, 404, `no route for ${req.method} ${path}`)
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, `fake server failed: ${String(error)}`)
      else res.destroy()
    })
  })
  await listen(server)
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    allRequests,
    turnRequests: () => requests.filter((r) => !r.isSideRequest),
    setResponder(r) {
      responder = r
    },
    async close() {
      closing.abort()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
    },
  }
}

// A throwing responder becomes a 500 the test can see, not a crashed server.
async function safeReply(responder: Responder, req: RecordedRequest): Promise<FakeReply> {
  try {
    return await responder(req)
  } catch (error) {
    return { kind: 'error', status: 500, message: `responder threw: ${String(error)}` }
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
}

function sendError(res: ServerResponse, status: number, message: string): void {
  const requestId = newId('req')
  res.writeHead(status, { 'content-type': 'application/json', 'request-id': requestId })
  res.end(errorBody(errorTypeFor(status), message, requestId))
}

function listen(server: ReturnType<typeof createServer>): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (cause) =>
      reject(new FakeAnthropicError('FAKE_ANTHROPIC_LISTEN_FAILED', 'could not listen', { cause })),
    )
    server.listen(0, '127.0.0.1', () => resolve())
  })
}
