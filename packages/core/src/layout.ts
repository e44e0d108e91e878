import { join } from 'node:path'
import { ALLOW_RULES_FILE } from './allow-rules.js'

/**
 * Every path core touches, derived from the data dir. Callers validate owner, id and name first
 * (see names.ts), so no segment can contain "/" or "..".
 */
export class DataLayout {
  constructor(readonly dataDir: string) {}

  get sessionsDir(): string {
    return join(this.dataDir, 'sessions')
  }
  get userPersonasDir(): string {
    return join(this.dataDir, 'personas')
  }
  ownerDir(owner: string): string {
    return join(this.sessionsDir, owner)
  }
  sessionDir(owner: string, id: string): string {
    return join(this.ownerDir(owner), id)
  }
  metadataPath(owner: string, id: string): string {
    return join(this.sessionDir(owner, id), 'metadata.json')
  }
  personaPath(owner: string, id: string): string {
    return join(this.sessionDir(owner, id), 'persona.json')
  }
  /** The session's remembered "allow always" permission rules (allow-rules.ts). */
  allowRulesPath(owner: string, id: string): string {
    return join(this.sessionDir(owner, id), ALLOW_RULES_FILE)
  }
  workspaceDir(owner: string, id: string): string {
    return join(this.sessionDir(owner, id), 'workspace')
  }
  /** One file per session name, holding the session id. */
  namesDir(owner: string): string {
    return join(this.ownerDir(owner), '.names')
  }
  nameEntryPath(owner: string, name: string): string {
    return join(this.namesDir(owner), name)
  }
  /** Lock files live apart from the session dirs so moving a session never moves a held lock. */
  locksDir(owner: string): string {
    return join(this.ownerDir(owner), '.locks')
  }
  sessionLockPath(owner: string, id: string): string {
    return join(this.locksDir(owner), `${id}.lock`)
  }
  /** Guards the owner's name index repairs and the active pointer. */
  ownerLockPath(owner: string): string {
    return join(this.locksDir(owner), 'owner.lock')
  }
  /** New sessions are assembled here, then renamed into place once their name is claimed. */
  stagingDir(owner: string, id: string): string {
    return join(this.ownerDir(owner), '.staging', id)
  }
  activePath(owner: string): string {
    return join(this.ownerDir(owner), 'active')
  }
  archiveOwnerDir(owner: string): string {
    return join(this.dataDir, 'archive', owner)
  }
}
