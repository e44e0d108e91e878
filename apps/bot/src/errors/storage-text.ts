import { dirname } from 'node:path'
import type { StorageError } from '@switchboard/core'
import { escapeHtml } from '../render/html-escape.js'
import { excerpt } from '../render/truncate.js'

// Replies for file-system failures the bot's owner must fix on the machine (core's StorageError:
// DISK_FULL, PERMISSION_DENIED, READ_ONLY): what failed, where, and what to free or fix.

/** The reply for a StorageError; `format` 'plain' for turn outcomes (sent without HTML). */
export function describeStorageError(
  error: StorageError,
  format: 'html' | 'plain' = 'html',
): string {
  const raw = excerpt(error.path, 300)
  const path = format === 'html' ? `<code>${escapeHtml(raw)}</code>` : raw
  const dir =
    format === 'html'
      ? `<code>${escapeHtml(excerpt(dirname(error.path), 300))}</code>`
      : excerpt(dirname(error.path), 300)
  switch (error.code) {
    case 'DISK_FULL':
      return `The bot’s disk is full (${error.errno}): it could not write ${path}. Free space on the disk that holds ${dir} (the bot’s data directory keeps old sessions in its archive/ folder; move or remove what you no longer need), then try again. Nothing was lost that was already saved.`
    case 'READ_ONLY':
      return `The file system is read-only (${error.errno}): the bot could not write ${path}. Remount it read-write (or move the bot’s data directory to a writable disk), then try again.`
    case 'PERMISSION_DENIED':
      return `Permission denied (${error.errno}) on ${path}. The bot’s user must be able to read and write it: fix its owner or mode (e.g. chown/chmod the bot’s data directory), then try again.`
  }
}
