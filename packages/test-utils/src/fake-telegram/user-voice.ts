import { type AudioFile, storeAudio } from './audio-file.js'
import type { FakeState } from './fake-state.js'
import type { Audio, FakeUser, StoredFile, Update, Voice } from './types.js'
import { topicFields, type UserPlace } from './user-actions.js'

/** A voice note as a client records it (default: OGG/Opus, 3 s). */
export interface VoiceNote {
  content: Buffer | string
  /** Seconds (default 3). */
  duration?: number
  /** Default `audio/ogg`, what Telegram's clients record. */
  mimeType?: string
}

/** A user sends a voice note: a message with `voice`, its file served by getFile as voice/file_N.oga. */
export function userSendsVoice(
  state: FakeState,
  from: FakeUser,
  note: VoiceNote,
  caption?: string,
  place?: UserPlace,
): Update {
  const mimeType = note.mimeType ?? 'audio/ogg'
  const stored = state.files.add('voice', Buffer.from(note.content), undefined, mimeType)
  const voice: Voice = { ...fileFields(stored), duration: note.duration ?? 3, mime_type: mimeType }
  return sendMedia(state, from, { voice }, caption, place)
}

/** A user sends an audio file: a message with `audio`, its file served as music/file_N.<ext>. */
export function userSendsAudio(
  state: FakeState,
  from: FakeUser,
  file: AudioFile,
  caption?: string,
  place?: UserPlace,
): Update {
  const audio = storeAudio(state, file)
  return sendMedia(state, from, { audio }, caption, place)
}

function fileFields(file: StoredFile) {
  return { file_id: file.fileId, file_unique_id: file.fileUniqueId, file_size: file.bytes.length }
}

function sendMedia(
  state: FakeState,
  from: FakeUser,
  media: { voice: Voice } | { audio: Audio },
  caption: string | undefined,
  place: UserPlace | undefined,
): Update {
  const chat = state.chats.ensure(from)
  const inTopic = topicFields(chat, place?.threadId)
  const message = chat.add(
    { from: chat.user, ...media, ...(caption ? { caption } : {}), ...inTopic },
    state.unixNow(),
    false,
  )
  return state.updates.push({ message })
}
