/**
 * The client of an OpenAI-compatible transcription API: `POST {url}/audio/transcriptions`,
 * multipart with `file` and `model` (and `response_format=json`), Bearer key when configured.
 * The answer is zod-checked (`{"text": …}`); errors come back as OpenAI's `{"error": {message}}`.
 */

import { z } from 'zod'
import type { BotConfig } from '../config/env.js'
import type { Logger } from '../logging/logger.js'
import { excerpt } from '../render/truncate.js'
import { TranscribeError } from './voice-errors.js'

/** How long one transcription may take (a minute of speech takes a few seconds on whisper-1). */
export const TRANSCRIBE_TIMEOUT_MS = 120_000

export interface TranscriberConfig {
  /** Base URL, e.g. https://api.openai.com/v1 (the path /audio/transcriptions is appended). */
  url: string
  apiKey: string | undefined
  model: string
  timeoutMs: number
}

const TranscriptSchema = z.object({ text: z.string() })
const ApiErrorSchema = z.object({ error: z.object({ message: z.string() }) })

/** The configured transcriber, or undefined when SWITCHBOARD_TRANSCRIBE_URL is not set. */
export function transcriberOf(
  config: Pick<
    BotConfig,
    'SWITCHBOARD_TRANSCRIBE_URL' | 'SWITCHBOARD_TRANSCRIBE_API_KEY' | 'SWITCHBOARD_TRANSCRIBE_MODEL'
  >,
): TranscriberConfig | undefined {
  if (config.SWITCHBOARD_TRANSCRIBE_URL === undefined) return undefined
  return {
    url: config.SWITCHBOARD_TRANSCRIBE_URL,
    apiKey: config.SWITCHBOARD_TRANSCRIBE_API_KEY,
    model: config.SWITCHBOARD_TRANSCRIBE_MODEL,
    timeoutMs: TRANSCRIBE_TIMEOUT_MS,
  }
}

/** One start-up line: where voice notes go (host and model only: a URL may carry credentials). */
export function logTranscriber(logger: Logger, transcriber: TranscriberConfig | undefined): void {
  if (transcriber === undefined) {
    logger.info('voice: no transcriber (set SWITCHBOARD_TRANSCRIBE_URL to transcribe voice notes)')
    return
  }
  const { host } = new URL(transcriber.url)
  logger.info(
    { host, model: transcriber.model },
    `voice: transcribed by ${host} (${transcriber.model})`,
  )
}

export interface AudioInput {
  bytes: Uint8Array
  /** With an extension the server recognises (it goes by the name). */
  fileName: string
  mimeType: string | undefined
}

/** The transcript (trimmed, never empty); a TranscribeError says why there is none. */
export async function transcribe(
  config: TranscriberConfig,
  audio: AudioInput,
  fetchImpl: typeof fetch = fetch,
): Promise<string> {
  const form = new FormData()
  form.append('file', new Blob([audio.bytes], { type: audio.mimeType ?? '' }), audio.fileName)
  form.append('model', config.model)
  form.append('response_format', 'json')
  const signal = AbortSignal.timeout(config.timeoutMs)
  let response: Response
  let body: string
  try {
    response = await fetchImpl(`${config.url.replace(/\/+$/, '')}/audio/transcriptions`, {
      method: 'POST',
      headers: config.apiKey === undefined ? {} : { authorization: `Bearer ${config.apiKey}` },
      body: form,
      signal,
    })
    body = await response.text()
  } catch (error) {
    if (signal.aborted) throw new TranscribeError({ reason: 'timeout', afterMs: config.timeoutMs })
    throw new TranscribeError({ reason: 'network', detail: String((error as Error).message) })
  }
  if (!response.ok) {
    throw new TranscribeError({
      reason: 'http',
      status: response.status,
      apiMessage: apiMessageOf(response.status, body),
    })
  }
  const parsed = TranscriptSchema.safeParse(parseJson(body))
  if (!parsed.success) {
    throw new TranscribeError({ reason: 'reply', detail: excerpt(body) })
  }
  const text = parsed.data.text.trim()
  if (text === '') throw new TranscribeError({ reason: 'empty' })
  return text
}

/** The API's own error message, short; none for 401/403 (it may echo part of the key). */
function apiMessageOf(status: number, body: string): string | undefined {
  if (status === 401 || status === 403) return undefined
  const parsed = ApiErrorSchema.safeParse(parseJson(body))
  // Without its final full stop: the message is quoted in brackets mid-sentence.
  return parsed.success
    ? excerpt(parsed.data.error.message.trim().replace(/\.$/, ''), 160) || undefined
    : undefined
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
