import { StorageError, type StorageErrorCode } from './errors.js'

/** errno → the StorageError code it means; errnos not listed are not the operator's to fix. */
const STORAGE_ERRNOS: Record<string, StorageErrorCode> = {
  ENOSPC: 'DISK_FULL',
  EDQUOT: 'DISK_FULL',
  EACCES: 'PERMISSION_DENIED',
  EPERM: 'PERMISSION_DENIED',
  EROFS: 'READ_ONLY',
}

/**
 * The StorageError behind `error`, if any: `error` itself, a Node errno error (ENOSPC, EACCES, …)
 * converted, or the first such one along its `cause` chain (a wrapped spawn or load error).
 */
export function storageErrorOf(error: unknown): StorageError | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 8 && current instanceof Error; depth++) {
    if (current instanceof StorageError) return current
    const converted = fromErrno(current as NodeJS.ErrnoException)
    if (converted) return converted
    current = (current as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * `error` as a StorageError when it is an errno error of that kind, else unchanged (for rethrowing);
 * `path` names the file the caller meant (a write's temp file is no use to the operator).
 */
export function asStorageError(error: unknown, path?: string): unknown {
  if (!(error instanceof Error) || error instanceof StorageError) return error
  return fromErrno(error as NodeJS.ErrnoException, path) ?? error
}

function fromErrno(error: NodeJS.ErrnoException, path?: string): StorageError | undefined {
  const code = typeof error.code === 'string' ? STORAGE_ERRNOS[error.code] : undefined
  if (!code || error.code === undefined) return undefined
  const where = path ?? error.path ?? 'a file'
  return new StorageError(code, where, error.code, error.syscall, { cause: error })
}
