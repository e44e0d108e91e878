/** Stable codes of every error @switchboard/core throws; callers switch on `code`, never on messages. */
export type CoreErrorCode =
  | 'SESSION_NOT_FOUND'
  | 'SESSION_EXISTS'
  | 'SESSION_LIMIT'
  | 'SESSION_CORRUPT'
  | 'INVALID_NAME'
  | 'INVALID_OWNER'
  | 'INVALID_TRANSITION'
  | 'INVALID_DIRECTORY'
  | 'DIRECTORY_NOT_ALLOWED'
  | 'DIRECTORY_PROTECTED'
  | 'PERSONA_NOT_FOUND'
  | 'PERSONA_INVALID'
  | 'PERSONA_BYPASS_REFUSED'
  | 'LOCK_TIMEOUT'
  | 'LOCK_COMPROMISED'
  | 'INVALID_UPDATE'
  | 'PROJECT_DIR_MISSING'
  | 'DISK_FULL'
  | 'PERMISSION_DENIED'
  | 'READ_ONLY'
  | 'SESSION_LEASED'
  | 'SESSION_TURN_RUNNING'

/** Base class of every error thrown by @switchboard/core. */
export class CoreError extends Error {
  readonly code: CoreErrorCode
  constructor(code: CoreErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}

export class SessionNotFoundError extends CoreError {
  constructor(
    readonly owner: string,
    readonly sessionName: string,
  ) {
    super('SESSION_NOT_FOUND', `No session named "${sessionName}".`)
  }
}

export class SessionExistsError extends CoreError {
  constructor(
    readonly owner: string,
    readonly sessionName: string,
  ) {
    super('SESSION_EXISTS', `A session named "${sessionName}" already exists.`)
  }
}

/** The owner already has `limit` sessions (SessionManagerOptions.maxSessionsPerOwner). */
export class SessionLimitError extends CoreError {
  constructor(
    readonly owner: string,
    readonly limit: number,
  ) {
    super('SESSION_LIMIT', `Owner ${owner} already has ${limit} sessions, the limit.`)
  }
}

/**
 * metadata.json (or persona.json) of a session is missing, unreadable or fails its schema, and could
 * not be rebuilt. `sessionId` is set when known (the session can still be archived by id).
 */
export class SessionCorruptError extends CoreError {
  constructor(
    readonly path: string,
    readonly reason: string,
    options?: ErrorOptions & { sessionId?: string },
  ) {
    super('SESSION_CORRUPT', `Session file ${path} is unusable: ${reason}`, options)
    this.sessionId = options?.sessionId
  }
  readonly sessionId: string | undefined
}

export class InvalidNameError extends CoreError {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super('INVALID_NAME', `Invalid name ${JSON.stringify(input)}: ${reason}`)
  }
}

export class InvalidOwnerError extends CoreError {
  constructor(readonly input: string) {
    super(
      'INVALID_OWNER',
      `Invalid owner id ${JSON.stringify(input)}: expected 1-64 characters of a-z, 0-9, "_" or "-" (e.g. a Telegram user id).`,
    )
  }
}

export class InvalidTransitionError extends CoreError {
  constructor(
    readonly sessionName: string,
    readonly from: string,
    readonly to: string,
  ) {
    super(
      'INVALID_TRANSITION',
      `Session "${sessionName}" cannot go from ${from} to ${to} (allowed: idle → active, active → suspended, suspended → active).`,
    )
  }
}

export class InvalidDirectoryError extends CoreError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super('INVALID_DIRECTORY', `Cannot bind to ${JSON.stringify(path)}: ${reason}`)
  }
}

export class DirectoryNotAllowedError extends CoreError {
  constructor(
    readonly path: string,
    readonly roots: readonly string[],
  ) {
    super(
      'DIRECTORY_NOT_ALLOWED',
      `Directory ${path} is outside the allowed project roots (${roots.join(', ')}).`,
    )
  }
}

/** Why a directory is protected from binding (SessionManagerOptions.privateDirs / broadDirs). */
export type ProtectedDirectoryKind = 'data' | 'private' | 'broad'

/**
 * A session may not bind to `path`: it `is`, `contains` or is `inside` the protected directory
 * `protectedDir` (the data dir, another private dir, or — without project roots — `/` or home).
 */
export class ProtectedDirectoryError extends CoreError {
  constructor(
    readonly path: string,
    readonly protectedDir: string,
    readonly kind: ProtectedDirectoryKind,
    readonly relation: 'is' | 'contains' | 'inside',
    readonly rootsConfigured: boolean,
  ) {
    const how = { is: 'it is', contains: 'it contains', inside: 'it is inside' }[relation]
    super('DIRECTORY_PROTECTED', `Sessions may not bind to ${path}: ${how} ${protectedDir}.`)
  }
}

export class PersonaNotFoundError extends CoreError {
  constructor(
    readonly personaName: string,
    readonly available: readonly string[],
  ) {
    super(
      'PERSONA_NOT_FOUND',
      `No persona named "${personaName}". Available: ${available.join(', ') || 'none'}.`,
    )
  }
}

/** One problem found in one persona file: which file, where in it, what is wrong. */
export interface PersonaIssue {
  path: string
  /** Path inside the JSON document, e.g. "settings.maxTurns"; empty for the whole file. */
  field: string
  message: string
  /** Set when the file is valid but refused: it asks for bypassPermissions (see allowBypassPermissions). */
  code?: 'PERSONA_BYPASS_REFUSED'
}

export class PersonaInvalidError extends CoreError {
  constructor(readonly issues: readonly PersonaIssue[]) {
    super(
      'PERSONA_INVALID',
      issues.map((i) => `${i.path}${i.field ? ` (${i.field})` : ''}: ${i.message}`).join('; '),
    )
  }
}

/**
 * A persona (library file or a session's persona.json at `path`) sets permissionMode
 * "bypassPermissions", and the library / manager was not created with allowBypassPermissions.
 */
export class PersonaBypassRefusedError extends CoreError {
  constructor(readonly path: string) {
    super('PERSONA_BYPASS_REFUSED', `${path} (settings.permissionMode): ${BYPASS_REFUSED_MESSAGE}`)
  }
}

/** The issue message for a refused bypass persona (PersonaIssue.message, with code PERSONA_BYPASS_REFUSED). */
export const BYPASS_REFUSED_MESSAGE =
  '"bypassPermissions" runs every tool without asking; refused unless bypass is explicitly allowed'

export class LockTimeoutError extends CoreError {
  constructor(
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super('LOCK_TIMEOUT', `Timed out waiting for the lock on ${path}.`, options)
  }
}

/** The lock was lost while held (its holder stalled past the stale time), so the write may have raced. */
export class LockCompromisedError extends CoreError {
  constructor(
    readonly path: string,
    options?: ErrorOptions,
  ) {
    super(
      'LOCK_COMPROMISED',
      `Lost the lock on ${path} while holding it; the write may have raced.`,
      options,
    )
  }
}

/** A patch given to `SessionManager.update` does not match its schema. */
export class InvalidUpdateError extends CoreError {
  constructor(
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super('INVALID_UPDATE', `Invalid session update: ${reason}`, options)
  }
}

/** A session bound to a project directory (`path`) that is gone or no longer a directory. */
export class ProjectDirMissingError extends CoreError {
  constructor(
    readonly path: string,
    readonly sessionId: string,
  ) {
    super(
      'PROJECT_DIR_MISSING',
      `The project directory ${path} of session ${sessionId} is missing.`,
    )
  }
}
