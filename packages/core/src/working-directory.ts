import { mkdir, stat } from 'node:fs/promises'
import { ProjectDirMissingError, SessionCorruptError } from './errors.js'
import { PRIVATE_DIR_MODE } from './private-mode.js'
import type { SessionMetadata } from './session-metadata.js'
import { asStorageError } from './storage-errors.js'

/** Whether a session's working directory is there: `missing`, or something that is not a directory. */
export type WorkingDirectoryState = 'ok' | 'missing' | 'not_directory'

/** What `prepareWorkingDirectory` found and did. */
export interface PreparedWorkingDirectory {
  meta: SessionMetadata
  /** True when the workspace was missing and was created again, empty: its files are gone. */
  recreated: boolean
}

/** The state of the session's working directory (read-only; for status displays). */
export async function workingDirectoryState(meta: SessionMetadata): Promise<WorkingDirectoryState> {
  const info = await stat(meta.workingDirectory).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null
    throw asStorageError(error)
  })
  if (!info) return 'missing'
  return info.isDirectory() ? 'ok' : 'not_directory'
}

/**
 * Makes sure the CLI can start in the session's working directory: a missing `workspace/` is created
 * again (0700, empty); a bound project directory is never created (it is the user's): when it is
 * gone, ProjectDirMissingError.
 */
export async function ensureWorkingDirectory(
  meta: SessionMetadata,
): Promise<PreparedWorkingDirectory> {
  const state = await workingDirectoryState(meta)
  if (state === 'ok') return { meta, recreated: false }
  if (meta.boundToProject) throw new ProjectDirMissingError(meta.workingDirectory, meta.id)
  if (state === 'not_directory') {
    throw new SessionCorruptError(meta.workingDirectory, 'the workspace is not a directory', {
      sessionId: meta.id,
    })
  }
  try {
    // Not recursive: if the session directory itself went away, this fails rather than resurrect it.
    await mkdir(meta.workingDirectory, { mode: PRIVATE_DIR_MODE })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return { meta, recreated: false } // another caller was first
    throw asStorageError(error, meta.workingDirectory)
  }
  return { meta, recreated: true }
}
