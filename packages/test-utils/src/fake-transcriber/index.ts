// Fake OpenAI-compatible transcription server (POST /v1/audio/transcriptions) for voice tests.
export { INVALID_FORMAT, MAX_AUDIO_BYTES, SUPPORTED_FORMATS } from './openai-errors.js'
export { echoTranscript, startFakeTranscriber } from './server.js'
export type {
  FakeTranscriber,
  TranscriberReply,
  TranscriberResponder,
  TranscriptionRequest,
} from './types.js'
