/**
 * Why a voice note was not run. Each error has a stable code and says what the user can do; the
 * audio is kept in the session's uploads/ whenever it was downloaded (`savedAs`).
 */

import { SETUP_HINT } from './not-configured.js'

/** Why the transcription API did not give a transcript. */
export type TranscribeFailure =
  | { reason: 'http'; status: number; apiMessage: string | undefined }
  | { reason: 'timeout'; afterMs: number }
  | { reason: 'network'; detail: string }
  | { reason: 'reply'; detail: string }
  | { reason: 'empty' }

/** The transcription API failed (or answered nothing usable); the cause stays in the log. */
export class TranscribeError extends Error {
  readonly code = 'VOICE_TRANSCRIBE_FAILED'
  override readonly name = 'TranscribeError'
  /** Set once the audio is saved: where (relative to the session's directory). */
  savedAs: string | undefined

  constructor(readonly failure: TranscribeFailure) {
    super(describeFailure(failure))
  }

  /** What the user is told. */
  get userMessage(): string {
    const kept =
      this.savedAs === undefined
        ? ''
        : ` The audio is kept as ${this.savedAs} in the session’s directory (/get ${this.savedAs} sends it back).`
    return `🎙 Your voice message could not be transcribed: ${this.message}. Nothing was sent to Claude.${kept} ${hintFor(this.failure)}`
  }
}

/** No transcription API is configured (e.g. removed while a voice note waited across a restart). */
export class TranscriberNotConfiguredError extends Error {
  readonly code = 'VOICE_NOT_CONFIGURED'
  override readonly name = 'TranscriberNotConfiguredError'
  savedAs: string | undefined

  constructor() {
    super('no transcription API is configured')
  }

  get userMessage(): string {
    const kept = this.savedAs === undefined ? '' : ` It is kept as ${this.savedAs}.`
    return `🎙 Voice messages can’t be transcribed: ${SETUP_HINT}${kept}`
  }
}

function describeFailure(failure: TranscribeFailure): string {
  switch (failure.reason) {
    case 'http':
      return `the transcription API answered HTTP ${failure.status}${failure.apiMessage ? ` (${failure.apiMessage})` : ''}`
    case 'timeout':
      return `the transcription API gave no answer within ${Math.round(failure.afterMs / 1000)} s`
    case 'network':
      return 'the transcription API could not be reached'
    case 'reply':
      return 'the transcription API’s answer had no transcript'
    case 'empty':
      return 'no speech was recognised'
  }
}

function hintFor(failure: TranscribeFailure): string {
  if (failure.reason === 'empty') return 'Try recording it again, or type your message.'
  if (failure.reason === 'http' && (failure.status === 401 || failure.status === 403)) {
    return 'The bot’s owner should check SWITCHBOARD_TRANSCRIBE_API_KEY on the bot’s machine.'
  }
  if (failure.reason === 'http' && failure.status === 404) {
    return 'The bot’s owner should check SWITCHBOARD_TRANSCRIBE_URL (the API’s base URL, e.g. https://api.openai.com/v1) and SWITCHBOARD_TRANSCRIBE_MODEL.'
  }
  if (failure.reason === 'http' && failure.status < 500 && failure.status !== 429) {
    return 'Send it again in another format, or type your message.'
  }
  if (failure.reason === 'reply') {
    return 'The bot’s owner should check that SWITCHBOARD_TRANSCRIBE_URL is an OpenAI-compatible API.'
  }
  return 'Please send it again in a moment.'
}
