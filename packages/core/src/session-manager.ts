import { homedir } from 'node:os'
import { isAbsolute, resolve } from 'node:path'
import { readActiveId, writeActiveId } from './active-pointer.js'
import { changeAllowRulesFile, parseAllowRule, readAllowRulesFile } from './allow-rules.js'
import { refuseBypass } from './bypass-guard.js'
import { resolveClaudeConfigDir } from './claude-transcripts.js'
import { createSession } from './create-session.js'
import { resolveDataDir } from './data-dir.js'
import { archiveSession } from './delete-session.js'
import {
  InvalidDirectoryError,
  SessionCorruptError,
  SessionExistsError,
  SessionNotFoundError,
} from './errors.js'
import { readJsonFile } from './json-file.js'
import { DataLayout } from './layout.js'
import { transition } from './lifecycle.js'
import { listHealed } from './list-healed.js'
import type { SessionList } from './list-sessions.js'
import { metadataCacheFor } from './metadata-cache.js'
import { claimName, removeNameEntryFor } from './name-index.js'
import { isSessionId, normalizeSessionName, validateOwner } from './names.js'
import { type Persona, PersonaSchema } from './persona.js'
import { PersonaLibrary } from './persona-library.js'
import {
  applyPersonaSettingsPatch,
  type PersonaSettingsPatch,
  parsePersonaSettingsPatch,
} from './persona-settings-patch.js'
import { type ProjectDirRules, resolveProjectDir } from './project-dir.js'
import { SessionAccess } from './session-access.js'
import { type MetadataRead, writeMetadata, writeSessionPersona } from './session-files.js'
import { checkSessionLimit } from './session-limit.js'
import type { CreateSessionInput, SessionManagerOptions } from './session-manager-options.js'
import type { SessionMetadata, SessionTopic } from './session-metadata.js'
import { applySessionUpdate, parseSessionUpdate, type SessionUpdate } from './session-update.js'
import { ensureWorkingDirectory, type PreparedWorkingDirectory } from './working-directory.js'

export type { CreateSessionInput, SessionManagerOptions } from './session-manager-options.js'

/**
 * Sessions on disk. Every call reads from disk (no cache): several processes may share the data
 * dir, and every read-modify-write runs under a cross-process lock.
 */
export class SessionManager {
  readonly dataDir: string
  readonly personas: PersonaLibrary
  private readonly dirRules: ProjectDirRules
  private readonly allowBypass: boolean
  private readonly now: () => Date
  private readonly maxSessions: number | undefined
  private readonly access: SessionAccess
  private readonly layout: DataLayout
  private readonly onWorkspaceRecreated: SessionManagerOptions['onWorkspaceRecreated']

  constructor(options: SessionManagerOptions = {}) {
    this.dataDir = resolve(options.dataDir ?? resolveDataDir())
    for (const root of options.projectRoots ?? []) {
      if (!isAbsolute(root)) throw new InvalidDirectoryError(root, 'project roots must be absolute')
    }
    this.personas =
      options.personas ??
      new PersonaLibrary({
        dataDir: this.dataDir,
        allowBypassPermissions: options.allowBypassPermissions ?? false,
      })
    this.allowBypass = options.allowBypassPermissions ?? this.personas.allowBypassPermissions
    this.dirRules = {
      roots: options.projectRoots ?? [],
      privateDirs: [
        { path: this.dataDir, kind: 'data' },
        ...(options.privateDirs ?? []).map((path) => ({ path, kind: 'private' as const })),
      ],
      broadDirs: options.broadDirs ?? [homedir()],
    }
    this.now = options.now ?? (() => new Date())
    this.maxSessions = options.maxSessionsPerOwner
    this.layout = new DataLayout(this.dataDir)
    metadataCacheFor(this.layout, options.listCacheFile ?? false) // made here: its kind is fixed
    this.onWorkspaceRecreated = options.onWorkspaceRecreated
    const lockOptions = {
      timeoutMs: options.lockTimeoutMs ?? 15_000,
      staleMs: options.lockStaleMs ?? 10_000,
      ...(options.onLockWait ? { onLockWait: options.onLockWait } : {}),
    }
    this.access = new SessionAccess(this.layout, lockOptions, {
      repair: {
        now: this.now,
        claudeConfigDir: options.claudeConfigDir ?? resolveClaudeConfigDir(),
        checkProjectDir: (path) => resolveProjectDir(path, this.dirRules),
        ...(options.onRepair ? { onRepair: options.onRepair } : {}),
      },
      ...(options.onNameRepair ? { onNameRepair: options.onNameRepair } : {}),
    })
  }

  /** Creates an idle session with its own copy of the persona. */
  async create(input: CreateSessionInput): Promise<SessionMetadata> {
    const owner = validateOwner(input.owner)
    const name = normalizeSessionName(input.name)
    const persona = await this.personas.get(input.persona ?? 'default')
    const projectDir =
      input.projectDir === undefined
        ? undefined
        : await resolveProjectDir(input.projectDir, this.dirRules)
    if (await this.access.resolve(owner, name)) throw new SessionExistsError(owner, name)
    await checkSessionLimit(this.layout, owner, this.maxSessions) // early; again under the lock
    return createSession(this.access, {
      owner,
      name,
      persona,
      projectDir,
      now: this.now(),
      maxSessions: this.maxSessions,
    })
  }

  async get(owner: string, name: string): Promise<SessionMetadata> {
    return (await this.access.require(validateOwner(owner), normalizeSessionName(name))).meta
  }

  async getById(owner: string, id: string): Promise<SessionMetadata> {
    validateOwner(owner)
    if (!isSessionId(id)) throw new SessionNotFoundError(owner, id)
    const read = await this.access.readHealed(owner, id)
    if (read.kind === 'missing') throw new SessionNotFoundError(owner, id)
    return metaOf(read, id)
  }

  /** All sessions (of one owner, or everyone's), most recently active first, plus broken dirs. */
  async list(options: { owner?: string } = {}): Promise<SessionList> {
    const owner = options.owner === undefined ? undefined : validateOwner(options.owner)
    return listHealed(this.access, owner)
  }

  /** Makes the session the owner's active one and activates it. */
  async switch(owner: string, name: string): Promise<SessionMetadata> {
    const meta = await this.activate(owner, name)
    await this.access.withOwnerLock(meta.owner, () =>
      writeActiveId(this.layout, meta.owner, meta.id),
    )
    return meta
  }

  /** The owner's active session, or null (none chosen, or it was deleted). */
  async active(owner: string): Promise<SessionMetadata | null> {
    validateOwner(owner)
    const id = await readActiveId(this.layout, owner)
    if (id === null) return null
    const read = await this.access.readHealed(owner, id)
    return read.kind === 'missing' ? null : metaOf(read, id)
  }

  /** Renames the session; its directory, workspace path and active pointer stay as they are. */
  async rename(ownerInput: string, name: string, newName: string): Promise<SessionMetadata> {
    const owner = validateOwner(ownerInput)
    const from = normalizeSessionName(name)
    const to = normalizeSessionName(newName)
    const { id, meta } = await this.access.require(owner, from)
    if (from === to) return meta
    // resolve() clears a stale entry for the new name before we try to claim it.
    if (await this.access.resolve(owner, to)) throw new SessionExistsError(owner, to)
    return this.access.mutate(owner, from, async (current) => {
      if (!(await claimName(this.layout, owner, to, id))) throw new SessionExistsError(owner, to)
      const next = await writeMetadata(this.layout.metadataPath(owner, id), {
        ...current,
        name: to,
      })
      await this.access.withOwnerLock(owner, () => removeNameEntryFor(this.layout, owner, from, id))
      return next
    })
  }

  /** active → suspended. */
  async suspend(owner: string, name: string): Promise<SessionMetadata> {
    return this.write(owner, name, (meta) => ({
      ...meta,
      status: transition(meta.name, meta.status, 'suspended'),
    }))
  }

  /** idle | suspended → active; active stays active. Marks the session as just used. */
  async activate(owner: string, name: string): Promise<SessionMetadata> {
    return this.write(owner, name, (meta) => ({
      ...meta,
      status: transition(meta.name, meta.status, 'active'),
      lastActiveAt: this.now().toISOString(),
    }))
  }

  /**
   * Moves the session directory to `archive/<owner>/<id>-<time>/` and returns that path. A session
   * with damaged metadata is archived as it is (not rebuilt first).
   */
  async delete(ownerInput: string, name: string): Promise<string> {
    const owner = validateOwner(ownerInput)
    const key = normalizeSessionName(name)
    const found = await this.access.resolve(owner, key, { heal: false })
    if (!found) throw new SessionNotFoundError(owner, key)
    return archiveSession(this.access, owner, found.id, this.now(), key)
  }

  /** Like delete, by id (for a session whose metadata is too damaged to name it). */
  async deleteById(owner: string, id: string): Promise<string> {
    return archiveSession(
      this.access,
      this.checkedOwner(owner),
      this.checkedId(owner, id),
      this.now(),
    )
  }

  /**
   * Before a Claude Code process starts in the session: a missing `workspace/` is created again
   * (`recreated: true`: its files are gone); a vanished bound project dir throws ProjectDirMissingError.
   */
  async prepareWorkingDirectory(owner: string, id: string): Promise<PreparedWorkingDirectory> {
    const prepared = await ensureWorkingDirectory(await this.getById(owner, id))
    const { meta } = prepared
    if (prepared.recreated) {
      this.onWorkspaceRecreated?.({ owner, id, name: meta.name, path: meta.workingDirectory })
    }
    return prepared
  }

  /** The session's own persona.json (PersonaBypassRefusedError for a bypass not allowed). */
  async readPersona(owner: string, name: string): Promise<Persona> {
    const { id, meta } = await this.access.require(validateOwner(owner), normalizeSessionName(name))
    return this.readGuardedPersona(this.layout.personaPath(meta.owner, id))
  }

  /** Re-bases the session on another library persona (copied in, like at creation). */
  async setPersona(owner: string, name: string, personaName: string): Promise<SessionMetadata> {
    const persona = await this.personas.get(personaName)
    return this.access.mutate(validateOwner(owner), normalizeSessionName(name), async (meta) => {
      await writeSessionPersona(this.layout.personaPath(meta.owner, meta.id), persona)
      return this.save({ ...meta, persona: persona.name })
    })
  }

  /**
   * Changes settings of the session's own persona copy (e.g. `/model`, `/mode`); `null` removes a
   * setting so Claude Code's default applies. The library persona is not touched.
   */
  async updatePersonaSettings(
    owner: string,
    name: string,
    patch: PersonaSettingsPatch,
  ): Promise<Persona> {
    const valid = parsePersonaSettingsPatch(patch)
    let updated: Persona | undefined
    await this.access.mutate(validateOwner(owner), normalizeSessionName(name), async (meta) => {
      const path = this.layout.personaPath(meta.owner, meta.id)
      // A bypass already on disk may be patched away (`/mode default`), never patched in.
      const patched = applyPersonaSettingsPatch(await readPersonaFile(path), valid)
      updated = refuseBypass(patched, path, this.allowBypass)
      await writeSessionPersona(path, updated)
      return meta
    })
    return updated as Persona
  }

  /** Records the pid of the session's live Claude Code process (null when it exited). */
  async recordProcess(
    owner: string,
    name: string,
    process: { pid: number | null },
  ): Promise<SessionMetadata> {
    return this.update(owner, name, { pid: process.pid, touch: true })
  }

  /** Applies what the process layer learned: Claude session id, pid, status, usage, activity. */
  async update(owner: string, name: string, patch: SessionUpdate): Promise<SessionMetadata> {
    const valid = parseSessionUpdate(patch)
    return this.write(owner, name, (meta) => applySessionUpdate(meta, valid, this.now()))
  }

  /** Like update, by id: for the process layer, which must not lose a session that gets renamed. */
  async updateById(owner: string, id: string, patch: SessionUpdate): Promise<SessionMetadata> {
    const valid = parseSessionUpdate(patch)
    return this.access.mutateById(this.checkedOwner(owner), this.checkedId(owner, id), (meta) =>
      this.save(applySessionUpdate(meta, valid, this.now())),
    )
  }

  /**
   * Records the chat thread the session lives in (null clears it). Validated like any update:
   * InvalidUpdateError for a malformed topic.
   */
  async setTopic(owner: string, id: string, topic: SessionTopic | null): Promise<SessionMetadata> {
    return this.updateById(owner, id, { topic })
  }

  /**
   * The owner's session living in this chat thread, or null. Scans the owner's sessions (one read
   * of each metadata.json, like list): apps that look up often should keep their own index.
   */
  async findByTopic(
    owner: string,
    chatId: number,
    threadId: number,
  ): Promise<SessionMetadata | null> {
    const valid = validateOwner(owner)
    const { sessions } = await this.list({ owner: valid })
    // list sorts most recently active first: should two claim a thread, the one in use wins.
    const found = sessions.find(
      (s) => s.owner === valid && s.topic?.chatId === chatId && s.topic.threadId === threadId,
    )
    return found ?? null
  }

  /** The persona.json of a session, by id (what the process layer starts the CLI with). */
  async readPersonaById(owner: string, id: string): Promise<Persona> {
    const path = this.layout.personaPath(this.checkedOwner(owner), this.checkedId(owner, id))
    return this.readGuardedPersona(path)
  }

  // Every read of a session's persona.json that a CLI may start from goes through the bypass guard.
  private async readGuardedPersona(path: string): Promise<Persona> {
    return refuseBypass(await readPersonaFile(path), path, this.allowBypass)
  }

  /** The session's remembered "allow always" rules (opaque strings to core), oldest first. */
  async readAllowRules(owner: string, id: string): Promise<string[]> {
    return readAllowRulesFile(
      this.layout.allowRulesPath(this.checkedOwner(owner), this.checkedId(owner, id)),
    )
  }

  /** Remembers a rule (no duplicates; past MAX_ALLOW_RULES the oldest goes); returns all of them. */
  async addAllowRule(owner: string, id: string, rule: string): Promise<string[]> {
    const valid = parseAllowRule(rule)
    return this.changeAllowRules(owner, id, (rules) => [...rules.filter((r) => r !== valid), valid])
  }

  /** Forgets a rule (a rule not stored is no error); returns the rules left. */
  async removeAllowRule(owner: string, id: string, rule: string): Promise<string[]> {
    return this.changeAllowRules(owner, id, (rules) => rules.filter((r) => r !== rule))
  }

  /** The session's own directory (metadata, persona, workspace/); apps keep their files here too. */
  sessionDirectory(owner: string, id: string): string {
    return this.layout.sessionDir(this.checkedOwner(owner), this.checkedId(owner, id))
  }

  private async changeAllowRules(
    ownerInput: string,
    id: string,
    change: (rules: string[]) => string[],
  ): Promise<string[]> {
    const owner = this.checkedOwner(ownerInput)
    let rules: string[] = []
    // Under the session lock, and only while the session exists (not once it moved to the archive).
    await this.access.mutateById(owner, this.checkedId(owner, id), async (meta) => {
      rules = await changeAllowRulesFile(this.layout.allowRulesPath(owner, meta.id), change)
      return meta
    })
    return rules
  }

  private checkedOwner(owner: string): string {
    return validateOwner(owner)
  }

  private checkedId(owner: string, id: string): string {
    if (!isSessionId(id)) throw new SessionNotFoundError(owner, id)
    return id
  }

  private write(
    owner: string,
    name: string,
    change: (meta: SessionMetadata) => SessionMetadata,
  ): Promise<SessionMetadata> {
    return this.access.mutate(validateOwner(owner), normalizeSessionName(name), (meta) =>
      this.save(change(meta)),
    )
  }

  private save(meta: SessionMetadata): Promise<SessionMetadata> {
    return writeMetadata(this.layout.metadataPath(meta.owner, meta.id), meta)
  }
}

/** The metadata of a read that found the file: SessionCorruptError when it is unusable. */
function metaOf(read: Exclude<MetadataRead, { kind: 'missing' }>, id: string): SessionMetadata {
  if (read.kind === 'corrupt') {
    throw new SessionCorruptError(read.path, read.reason, { sessionId: id })
  }
  return read.meta
}

/** A session's persona.json, validated (SessionCorruptError when missing or invalid). */
async function readPersonaFile(path: string): Promise<Persona> {
  const read = await readJsonFile(path, PersonaSchema)
  if (!read.ok) throw new SessionCorruptError(path, read.reason)
  return read.value
}
