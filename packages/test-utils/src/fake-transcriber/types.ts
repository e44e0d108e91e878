/** What the fake transcription server recorded of one POST /audio/transcriptions. */
export interface TranscriptionRequest {
  /** The request path, e.g. `/v1/audio/transcriptions`. */
  path: string
  /** The Authorization header as sent (undefined when missing). */
  authorization: string | undefined
  /** The multipart text fields (model, language, response_format, …). */
  fields: Record<string, string>
  /** The `file` part: its name, type and bytes (undefined when missing). */
  file: { name: string; type: string; bytes: Buffer } | undefined
}

/**
 * A scripted answer:
 * - `{ text }`: 200 `{"text": …}` (OpenAI's `json` response format);
 * - `{ status, message?, code? }`: an OpenAI error body `{"error": {message, type, param, code}}`;
 * - `{ hang: true }`: the request is read and never answered (a stuck server);
 * - `{ raw, status?, contentType? }`: any other body, e.g. to test a malformed reply.
 */
export type TranscriberReply =
  | { text: string }
  | { status: number; message?: string; code?: string }
  | { hang: true }
  | { raw: string; status?: number; contentType?: string }

export type TranscriberResponder = (
  request: TranscriptionRequest,
) => TranscriberReply | Promise<TranscriberReply>

export interface FakeTranscriber {
  /** The base URL for SWITCHBOARD_TRANSCRIBE_URL, e.g. `http://127.0.0.1:1234/v1`. */
  url: string
  /** The API key it accepts (Bearer), when it was started with one. */
  apiKey: string | undefined
  /** Every POST /audio/transcriptions, in order (rejected ones included). */
  readonly requests: readonly TranscriptionRequest[]
  /** Replaces the default responder (the audio's bytes as UTF-8 text are the transcript). */
  setResponder(responder: TranscriberResponder): void
  /** The next requests get these replies, in order, before the responder is asked again. */
  replyNext(...replies: TranscriberReply[]): void
  close(): Promise<void>
}
