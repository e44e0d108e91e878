// Public API of @switchboard/core. Everything another app may use is re-exported here, and nothing else.
// biome-ignore-all assist/source/organizeImports: exports are grouped by topic for readers, not sorted.

// Sessions: the manager most apps need, and what it returns.
export {
  type CreateSessionInput,
  SessionManager,
  type SessionManagerOptions,
} from './session-manager.js'
export type { BrokenSession, SessionList } from './list-sessions.js'
export type { LockWait, LockWaitListener } from './session-access.js'

// Self-healing: what a rebuilt metadata.json recovered, and the working directory before a spawn.
export type { MetadataRepairReport } from './metadata-repair.js'
export {
  type PreparedWorkingDirectory,
  type WorkingDirectoryState,
  workingDirectoryState,
} from './working-directory.js'
export {
  type ClaudeConfigEnv,
  claudeProjectKey,
  newestClaudeSessionId,
  resolveClaudeConfigDir,
} from './claude-transcripts.js'
// The desk lease: a session open in another app (a terminal) that the bot must not drive meanwhile.
export {
  DESK_LEASE_HEARTBEAT_MS,
  DESK_LEASE_STALE_MS,
  type DeskLease,
  DeskLeaseHeldError,
  DeskLeaseSchema,
  DeskLeases,
  type DeskLeasesOptions,
  HeldDeskLease,
} from './desk-lease.js'
// The other direction: the bot runs a turn of the session, so the desk waits (desk-handshake.ts).
export {
  DeskHandshake,
  type PhoneTurnTake,
  type TakeDeskOptions,
} from './desk-handshake.js'
export { PhoneTurnLeaseHeldError, PhoneTurnLeases } from './phone-turn-lease.js'
export {
  HeldLease,
  LEASE_HEARTBEAT_MS,
  LEASE_STALE_MS,
  type LeaseKind,
  type SessionLease,
  SessionLeaseSchema,
  SessionLeases,
  type SessionLeasesOptions,
} from './session-lease.js'
export {
  type ClaudeConversation,
  DEFAULT_CONVERSATIONS_LISTED,
  findClaudeConversation,
  type ListClaudeConversationsOptions,
  listClaudeConversations,
} from './claude-conversations.js'
export {
  type ClaudeConversationPage,
  type ClaudeConversationPageOptions,
  pageClaudeConversations,
} from './claude-conversation-page.js'
export {
  type SessionUpdate,
  SessionUpdateSchema,
  type UsageDelta,
  UsageDeltaSchema,
} from './session-update.js'

// A session's remembered "allow always" permission rules (permission-rules.json), opaque to core.
export {
  ALLOW_RULES_FILE,
  AllowRuleSchema,
  type AllowRulesFile,
  AllowRulesFileSchema,
  MAX_ALLOW_RULES,
} from './allow-rules.js'

// Session metadata on disk (metadata.json) and its lifecycle.
export * from './session-metadata.js'
export { canTransition, transition } from './lifecycle.js'

// Personas: behaviour templates (system prompt, model, limits) and where they are loaded from.
export * from './persona.js'
export {
  BUILTIN_PERSONAS_DIR,
  isBypass,
  PersonaLibrary,
  type PersonaLibraryOptions,
  type PersonaLoadResult,
} from './persona-library.js'
export { type PersonaSettingsPatch, PersonaSettingsPatchSchema } from './persona-settings-patch.js'

// Paths and input rules, for apps that validate input before calling the manager.
export { type DataDirEnv, ensurePrivateDataDir, resolveDataDir } from './data-dir.js'
export { isInside } from './project-dir.js'
// Atomic, private (0600) files (JSON read through a schema): for files apps keep beside core's.
export { type JsonReadResult, readJsonFile, writeJsonAtomic } from './json-file.js'
export { writePrivateFile } from './private-mode.js'
export {
  isSessionId,
  normalizeSessionName,
  RESERVED_SESSION_NAMES,
  SESSION_NAME_RULE,
  validateOwner,
} from './names.js'

// Errors: every error has a stable `code`; storageErrorOf finds a disk-full / permission / read-only
// failure in any error (a Node errno error, or along a `cause` chain).
export * from './errors.js'
export { StorageError, type StorageErrorCode, storageErrorOf } from './storage-errors.js'
