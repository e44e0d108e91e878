import { CoreError } from './errors.js'

/** What kind of file-system failure a StorageError is: no space, no permission, read-only mount. */
export type StorageErrorCode = 'DISK_FULL' | 'PERMISSION_DENIED' | 'READ_ONLY'

/**
 * A file operation failed for a reason the operator has to fix on the machine: the disk (or quota)
 * is full (ENOSPC, EDQUOT), access is denied (EACCES, EPERM) or the file system is read-only (EROFS).
 * `path` is the file or directory the operation touched, `errno` the system's code.
 */
export class StorageError extends CoreError {
  declare readonly code: StorageErrorCode
  constructor(
    code: StorageErrorCode,
    readonly path: string,
    readonly errno: string,
    readonly syscall: string | undefined,
    options?: ErrorOptions,
  ) {
    const what = {
      DISK_FULL: 'no space left on the disk',
      PERMISSION_DENIED: 'permission denied',
      READ_ONLY: 'the file system is read-only',
    }[code]
    super(code, `${syscall ?? 'file operation'} ${path} failed: ${what} (${errno}).`, options)
  }
}

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
