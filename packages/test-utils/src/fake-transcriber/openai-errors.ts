/** OpenAI's error `type` for an HTTP status (its error bodies name one). */
export function openAiErrorType(status: number): string {
  if (status === 401) return 'invalid_request_error'
  if (status === 429) return 'requests'
  if (status >= 500) return 'server_error'
  return 'invalid_request_error'
}

/** OpenAI's error body: `{"error": {"message", "type", "param", "code"}}`. */
export function openAiErrorBody(status: number, message: string, code?: string): string {
  return JSON.stringify({
    error: { message, type: openAiErrorType(status), param: null, code: code ?? null },
  })
}

/** The formats OpenAI accepts, by file extension (its 400 lists them like this). */
export const SUPPORTED_FORMATS = [
  'flac',
  'm4a',
  'mp3',
  'mp4',
  'mpeg',
  'mpga',
  'oga',
  'ogg',
  'wav',
  'webm',
] as const

export const INVALID_FORMAT = `Invalid file format. Supported formats: [${SUPPORTED_FORMATS.map((f) => `'${f}'`).join(', ')}]`

/** OpenAI's upload limit for transcriptions. */
export const MAX_AUDIO_BYTES = 25 * 1024 * 1024
