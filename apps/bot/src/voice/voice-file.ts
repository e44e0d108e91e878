/**
 * Voice notes and audio files as the inbox keeps them: an upload file (file id, name, size) marked
 * `audio`, so that when its turn is prepared it is transcribed instead of attached.
 */

import type { Message } from 'telegraf/types'
import { z } from 'zod'
import type { UploadFile } from '../conversation/inbox-entry.js'

export const AudioInfoSchema = z.object({
  /** `voice`: a voice note recorded in the client; `audio`: an audio file (music player). */
  kind: z.enum(['voice', 'audio']),
  /** Seconds, as the sender's client says. */
  duration: z.number().int().nonnegative(),
  mimeType: z.string().min(1).max(255).optional(),
})
export type AudioInfo = z.output<typeof AudioInfoSchema>

/** An upload file that is a voice note or audio file. */
export type AudioUpload = UploadFile & { audio: AudioInfo }

export function isAudioUpload(file: UploadFile): file is AudioUpload {
  return file.audio !== undefined
}

// Extensions OpenAI-compatible servers recognise, by MIME type (they go by the file's name).
const EXTENSIONS: Record<string, string> = {
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/m4a': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'm4a',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/flac': 'flac',
  'audio/x-flac': 'flac',
  'audio/webm': 'webm',
}

/** The voice note or audio file a message carries, as an upload file to transcribe. */
export function incomingAudio(message: Message, now = new Date()): AudioUpload | undefined {
  const caption = 'caption' in message ? message.caption : undefined
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')
  const base = { messageId: message.message_id, ...(caption ? { caption } : {}) }
  if ('voice' in message) {
    const v = message.voice
    // Telegram's voice notes are OGG/Opus (.oga on its file server); servers know them as .ogg.
    return {
      ...base,
      fileId: v.file_id,
      fileName: `voice-${stamp}.${extensionOf(v.mime_type) ?? 'ogg'}`,
      bytes: v.file_size,
      audio: { kind: 'voice', duration: v.duration, ...mime(v.mime_type) },
    }
  }
  if ('audio' in message) {
    const a = message.audio
    const named = a.file_name && /\.[A-Za-z0-9]{2,5}$/.test(a.file_name) ? a.file_name : undefined
    const fileName = named ?? `audio-${stamp}.${extensionOf(a.mime_type) ?? 'mp3'}`
    return {
      ...base,
      fileId: a.file_id,
      fileName,
      bytes: a.file_size,
      audio: { kind: 'audio', duration: a.duration, ...mime(a.mime_type) },
    }
  }
  return undefined
}

function extensionOf(mimeType: string | undefined): string | undefined {
  return mimeType === undefined ? undefined : EXTENSIONS[mimeType.toLowerCase().split(';')[0] ?? '']
}

function mime(mimeType: string | undefined): { mimeType?: string } {
  return mimeType ? { mimeType: mimeType.slice(0, 255) } : {}
}
