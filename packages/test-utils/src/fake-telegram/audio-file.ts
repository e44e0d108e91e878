import type { FakeState } from './fake-state.js'
import type { Audio } from './types.js'

/** An audio file (music player in the client); `name` gives its extension (default .mp3). */
export interface AudioFile {
  content: Buffer | string
  name?: string
  mimeType?: string
  duration?: number
  performer?: string
  title?: string
}

/** Stores an audio file (served as music/file_N.<ext>) and returns the message's `audio` field. */
export function storeAudio(state: FakeState, file: AudioFile): Audio {
  const mimeType = file.mimeType ?? 'audio/mpeg'
  const stored = state.files.add('music', Buffer.from(file.content), file.name, mimeType)
  return {
    file_id: stored.fileId,
    file_unique_id: stored.fileUniqueId,
    file_size: stored.bytes.length,
    duration: file.duration ?? 3,
    mime_type: mimeType,
    ...(file.name === undefined ? {} : { file_name: file.name }),
    ...(file.performer === undefined ? {} : { performer: file.performer }),
    ...(file.title === undefined ? {} : { title: file.title }),
  }
}
