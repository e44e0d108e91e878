import type { IncomingMessage } from 'node:http'
import { badRequest, TelegramApiError } from '../errors.js'

/** An uploaded file from a multipart body. */
export interface UploadedFile {
  name: string
  mimeType: string
  bytes: Buffer
}

export interface RequestParams {
  params: Record<string, unknown>
  files: Map<string, UploadedFile>
}

/** Telegram refuses uploads over 50 MB through the public Bot API. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024
// The body may be a little larger than the file (other fields, multipart framing).
const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 1024 * 1024

/** Reads a Bot API request's parameters from its query string and JSON/form/multipart body. */
export async function readParams(req: IncomingMessage, url: URL): Promise<RequestParams> {
  const params: Record<string, unknown> = Object.fromEntries(url.searchParams)
  const files = new Map<string, UploadedFile>()
  const body = await readBody(req)
  if (body.length === 0) return { params, files }
  const type = (req.headers['content-type'] ?? '').toLowerCase()
  if (type.startsWith('application/json')) {
    let json: unknown
    try {
      json = JSON.parse(body.toString('utf8'))
    } catch {
      throw badRequest("can't parse JSON object")
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw badRequest('JSON object expected')
    }
    return { params: { ...params, ...json }, files }
  }
  if (type.startsWith('application/x-www-form-urlencoded')) {
    Object.assign(params, Object.fromEntries(new URLSearchParams(body.toString('utf8'))))
    return { params, files }
  }
  if (type.startsWith('multipart/form-data')) {
    const form = await parseMultipart(body, type)
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') {
        params[key] = value
      } else {
        const bytes = Buffer.from(await value.arrayBuffer())
        files.set(key, { name: value.name, mimeType: value.type, bytes })
      }
    }
    return { params, files }
  }
  return { params, files }
}

async function parseMultipart(body: Buffer, contentType: string): Promise<FormData> {
  try {
    // undici parses multipart bodies; no dependency needed
    return await new Request('http://fake.invalid/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: new Uint8Array(body),
    }).formData()
  } catch {
    throw badRequest("can't parse multipart/form-data request")
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0)
  if (declared > MAX_BODY_BYTES) throw tooLarge()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = chunk as Buffer
    size += buf.length
    if (size > MAX_BODY_BYTES) throw tooLarge()
    chunks.push(buf)
  }
  return Buffer.concat(chunks)
}

function tooLarge(): TelegramApiError {
  return new TelegramApiError(413, 'Request Entity Too Large')
}
