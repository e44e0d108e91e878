/**
 * A voice note's prompt, built when its turn is prepared (never in the update handler, so a restart
 * in between still runs it): the audio is downloaded into the session's uploads/ (kept whatever
 * happens next), transcribed, the transcript shown to the user ("🎙 …", a reply to the voice
 * message), and the transcript is the prompt. An album's transcripts make one prompt, in order,
 * each under its file's name. Entries without audio go to the upload prompt.
 */

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { InboxEntry, UploadFile } from '../conversation/inbox-entry.js'
import type { SessionTarget } from '../conversation/submitter.js'
import { sendOrLog } from '../conversation/telegram-calls.js'
import { download, type UploadFilesDeps, uploadPlace } from '../conversation/upload-files.js'
import { truncateEnd } from '../render/truncate.js'
import { placeOf, placeParams } from '../telegram/chat-place.js'
import { type TranscriberConfig, transcribe } from './transcribe.js'
import { TranscriberNotConfiguredError } from './voice-errors.js'
import { type AudioUpload, isAudioUpload } from './voice-file.js'

/** Telegram's text limit, less the "🎙 " prefix. */
const SHOWN_MAX = 4000

export interface VoicePromptDeps extends UploadFilesDeps {
  transcriber: TranscriberConfig | undefined
}

type PromptOf<T> = (files: UploadFile[], session: SessionTarget) => Promise<T>

/** Wraps the upload prompt: entries of voice notes / audio files are transcribed instead. */
export function withVoice<T>(inner: PromptOf<T>, deps: VoicePromptDeps) {
  return async (
    files: UploadFile[],
    session: SessionTarget,
    entry?: InboxEntry,
  ): Promise<T | string> => {
    if (files.length === 0 || !files.every(isAudioUpload)) return inner(files, session)
    const parts: string[] = []
    for (const file of files) {
      const transcript = await transcribeOne(deps, file, session, entry)
      // Labelled when it would read as a slash command: Claude Code runs a prompt starting with "/"
      // (/clear, a project's /deploy), and a voice note is not a command the user typed.
      const bare = files.length === 1 && !transcript.trimStart().startsWith('/')
      const labelled = bare ? transcript : `Transcript of ${file.fileName}:\n${transcript}`
      const caption = file.caption?.trim()
      parts.push(caption ? `${caption}\n\n${labelled}` : labelled)
    }
    return parts.join('\n\n')
  }
}

async function transcribeOne(
  deps: VoicePromptDeps,
  file: AudioUpload,
  session: SessionTarget,
  entry: InboxEntry | undefined,
): Promise<string> {
  // Where the session's uploads go (a bound project's stay outside the project).
  const { base } = uploadPlace(deps, session)
  const saved = await download(deps, file, base)
  const keep = (error: unknown) => {
    if (error instanceof Error && 'savedAs' in error) error.savedAs = saved.relativePath
    return error
  }
  if (deps.transcriber === undefined) throw keep(new TranscriberNotConfiguredError())
  if (entry !== undefined) typing(deps, entry)
  const started = Date.now()
  let transcript: string
  try {
    const bytes = await readFile(saved.path ?? join(base, saved.relativePath))
    transcript = await transcribe(
      deps.transcriber,
      { bytes, fileName: file.fileName, mimeType: file.audio.mimeType },
      deps.fetch,
    )
  } catch (error) {
    deps.logger.warn(
      { err: error, sessionId: session.id, savedAs: saved.relativePath },
      'voice: transcription failed',
    )
    throw keep(error)
  }
  deps.logger.info(
    {
      sessionId: session.id,
      kind: file.audio.kind,
      seconds: file.audio.duration,
      chars: transcript.length,
      ms: Date.now() - started,
    },
    'voice: transcribed',
  )
  if (entry !== undefined) {
    // Shown before the turn's progress (the outbox keeps the chat's order); a failed send is logged.
    await sendOrLog(
      deps,
      entry.chatId,
      `🎙 ${truncateEnd(transcript, SHOWN_MAX)}`,
      // Quiet: the user just sent it; the answer is what notifies.
      {
        replyTo: file.messageId,
        silent: true,
        ...(entry.threadId === undefined ? {} : { threadId: entry.threadId }),
      },
      'voice: could not show the transcript',
    )
  }
  return transcript
}

/** "typing…" while transcribing (a long note takes seconds); the turn's progress follows. */
function typing(deps: VoicePromptDeps, entry: InboxEntry): void {
  deps.outbox
    .call(
      'sendChatAction',
      { ...placeParams(placeOf(entry.chatId, entry.threadId)), action: 'typing' },
      { lane: 'progress', supersedeKey: `typing:${entry.chatId}:${entry.threadId ?? 0}` },
    )
    .catch((error: unknown) => deps.logger.debug({ err: error }, 'voice: no typing action'))
}
