import { ensurePrivateDataDir } from '@switchboard/core'

export type PreparedDataDir =
  | { ok: true; looseMode: number | null }
  | { ok: false; message: string }

/**
 * Creates the data directory (private), or says in one line why it can't and what to do: a data dir
 * the bot's user can't create or write is a configuration problem, not a crash with a stack.
 */
export async function prepareDataDir(
  dataDir: string,
  configured: boolean,
): Promise<PreparedDataDir> {
  try {
    return { ok: true, looseMode: await ensurePrivateDataDir(dataDir) }
  } catch (error) {
    const errno = ((error as { cause?: unknown }).cause ?? error) as NodeJS.ErrnoException
    if (typeof errno.code !== 'string') throw error
    const why = `${errno.code}: ${errno.message.replace(/^\w+: /, '').replace(/,.*$/, '')}`
    const fix = configured
      ? 'set SWITCHBOARD_DATA_DIR to a directory the bot’s user can create and write, or leave it empty for the default'
      : 'make the default writable for the bot’s user, or set SWITCHBOARD_DATA_DIR to a directory it can write'
    return { ok: false, message: `cannot create the data directory ${dataDir} (${why}): ${fix}` }
  }
}
