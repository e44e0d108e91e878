import { z } from 'zod'

// Voice notes: an OpenAI-compatible transcription API (POST {URL}/audio/transcriptions). Spread into
// env.ts's schema; without SWITCHBOARD_TRANSCRIBE_URL voice notes get a reply saying how to set it.

export const DEFAULT_TRANSCRIBE_MODEL = 'whisper-1'

export const transcribeEnv = {
  SWITCHBOARD_TRANSCRIBE_URL: z
    .url({
      protocol: /^https?$/,
      error:
        'expected the http(s) base URL of an OpenAI-compatible transcription API, e.g. https://api.openai.com/v1 or http://127.0.0.1:8000/v1',
    })
    .optional(),
  /** Sent as `Authorization: Bearer …`; a local whisper server may need none. */
  SWITCHBOARD_TRANSCRIBE_API_KEY: z.string().min(1).optional(),
  SWITCHBOARD_TRANSCRIBE_MODEL: z
    .string()
    .trim()
    .min(1)
    .max(200, 'expected a model name of at most 200 characters')
    .default(DEFAULT_TRANSCRIBE_MODEL),
}

/** The transcription settings of the bot's config. */
export type TranscribeEnv = z.output<z.ZodObject<typeof transcribeEnv>>
