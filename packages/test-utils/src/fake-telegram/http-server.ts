import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { TelegramApiError } from './errors.js'
import { type FailureQueue, failureError } from './fail-next.js'
import type { ApiCall, FakeState } from './fake-state.js'
import { findMethod } from './methods/registry.js'
import { type RequestParams, readParams } from './request/read-params.js'

/** Creates the HTTP server for `/bot<token>/<method>` and `/file/bot<token>/<path>`. */
export function createTelegramServer(state: FakeState, failures: FailureQueue): Server {
  return createServer((req, res) => {
    handle(state, failures, req, res).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, { ok: false, error_code: 500, description: String(error) })
    })
  })
}

async function handle(
  state: FakeState,
  failures: FailureQueue,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname)
  if (file) return serveFile(state, file[1] ?? '', decodeURIComponent(file[2] ?? ''), res)
  const api = /^\/bot([^/]*)\/([^/]*)$/.exec(url.pathname)
  if (!api) return sendError(res, new TelegramApiError(404, 'Not Found'))
  const [, token = '', methodName = ''] = api
  const record = (entry: Omit<ApiCall, 'at' | 'method'>, method = methodName) =>
    state.calls.push({ method, at: state.now(), ...entry })
  if (token !== state.token) {
    record({ params: {}, ok: false, errorCode: 401, description: 'Unauthorized' })
    return sendError(res, new TelegramApiError(401, 'Unauthorized'))
  }
  const method = findMethod(methodName)
  if (method === undefined) {
    record({ params: {}, ok: false, errorCode: 404, description: 'Not Found' })
    return sendError(res, new TelegramApiError(404, 'Not Found'))
  }
  let request: RequestParams = { params: {}, files: new Map() }
  try {
    request = await readParams(req, url)
    const failure = failures.take(method.name)
    if (failure === 'network') {
      record(
        { params: loggable(request), ok: false, description: 'network failure', injected: true },
        method.name,
      )
      req.socket.destroy()
      return
    }
    if (failure !== undefined) {
      const error = failureError(failure)
      record(
        {
          params: loggable(request),
          ok: false,
          errorCode: error.errorCode,
          description: error.description,
          injected: true,
        },
        method.name,
      )
      return sendError(res, error)
    }
    const controller = new AbortController()
    res.on('close', () => {
      if (!res.writableEnded) controller.abort()
    })
    const result = await method.handler({ state, ...request, signal: controller.signal })
    record({ params: loggable(request), ok: true }, method.name)
    send(res, 200, { ok: true, result })
  } catch (error) {
    if (!(error instanceof TelegramApiError)) throw error
    record(
      {
        params: loggable(request),
        ok: false,
        errorCode: error.errorCode,
        description: error.description,
        ...(error.injected ? { injected: true } : {}),
      },
      method.name,
    )
    sendError(res, error)
  }
}

function serveFile(state: FakeState, token: string, path: string, res: ServerResponse): void {
  const file = token === state.token ? state.files.byPath(path) : undefined
  if (file === undefined) {
    const error =
      token === state.token
        ? new TelegramApiError(404, 'Not Found')
        : new TelegramApiError(401, 'Unauthorized')
    sendError(res, error)
    return
  }
  res.writeHead(200, {
    'content-type': file.mimeType ?? 'application/octet-stream',
    'content-length': file.bytes.length,
  })
  res.end(file.bytes)
}

// Uploaded files are logged by name and size, not bytes.
function loggable({ params, files }: RequestParams): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params }
  for (const [key, file] of files) out[key] = { filename: file.name, size: file.bytes.length }
  return out
}

function sendError(res: ServerResponse, error: TelegramApiError): void {
  send(res, error.errorCode, {
    ok: false,
    error_code: error.errorCode,
    description: error.description,
    ...(error.parameters ? { parameters: error.parameters } : {}),
  })
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return
  const json = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(json),
  })
  res.end(json)
}
