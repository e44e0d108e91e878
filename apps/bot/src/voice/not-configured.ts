/** What a user is told about voice messages when no transcription API is configured. */

export const SETUP_HINT =
  'no transcription service is set up. The bot’s owner can set SWITCHBOARD_TRANSCRIBE_URL to an OpenAI-compatible API (e.g. https://api.openai.com/v1, or a local whisper server’s /v1), with SWITCHBOARD_TRANSCRIBE_API_KEY if it needs a key and optionally SWITCHBOARD_TRANSCRIBE_MODEL (default whisper-1), then restart the bot.'

/** The reply to a voice note or audio file that cannot be transcribed; nothing is sent to Claude. */
export const NOT_CONFIGURED_REPLY = `🎙 I can’t listen to voice messages yet: ${SETUP_HINT} Until then, please type your message.`
