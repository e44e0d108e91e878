import { existsSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Persona, SessionMetadata } from '@switchboard/core'
import { buildArgs } from '../build-args.js'
import { ClaudeProcess } from '../claude-process.js'
import type { ProcessError } from '../errors.js'
import type { PermissionHandler } from '../permissions.js'
import { prepareSessionSettings } from '../sandbox/session-settings.js'
import { asProcessError, SessionLoadError } from './errors.js'
import { sessionSetFingerprint } from './session-set.js'
import type { PoolSettings } from './settings.js'
import type { SessionRef } from './types.js'

export interface StartSessionOptions {
  /** "Allow always" rules of the session's earlier processes. */
  allowedForSession: readonly string[]
  /** Each rule an "always" answer adds in this process. */
  onAllowRule: (rule: string) => void
  onPermissionRequest: PermissionHandler
  /** Called with the process before it starts (to watch its exit). */
  onCreated(proc: ClaudeProcess): void
}

export type StartOutcome = { ok: true; proc: ClaudeProcess } | { ok: false; error: ProcessError }

/**
 * Starts a session's CLI: metadata and persona read from core, `--resume` when it has a Claude session
 * id. On failure the process is stopped (its exit listeners have run) and the coded error returned.
 */
export async function startSessionProcess(
  ref: SessionRef,
  settings: PoolSettings,
  options: StartSessionOptions,
): Promise<StartOutcome> {
  let proc: ClaudeProcess
  try {
    proc = await createProcess(ref, settings, options)
  } catch (error) {
    return { ok: false, error: asProcessError(error) }
  }
  options.onCreated(proc)
  try {
    await proc.start()
    return { ok: true, proc }
  } catch (error) {
    await proc.stop()
    return { ok: false, error: asProcessError(error) }
  }
}

async function createProcess(
  ref: SessionRef,
  settings: PoolSettings,
  options: StartSessionOptions,
): Promise<ClaudeProcess> {
  let loaded: Awaited<ReturnType<typeof load>>
  // Taken before the rules list the data dir: a session made in between still restarts this one.
  const dataDir = settings.sandbox?.protect.dataDir
  const sessionSet = dataDir === undefined ? undefined : sessionSetFingerprint(dataDir)
  try {
    loaded = await load(ref, settings)
  } catch (error) {
    throw new SessionLoadError(ref.owner, ref.id, error)
  }
  const { meta, persona, settingsFile } = loaded
  const allowedForSession = options.allowedForSession
  const proc = new ClaudeProcess({
    cwd: meta.workingDirectory,
    args: buildArgs(meta, persona, {
      resume: meta.claudeSessionId !== null,
      allowedForSession,
      settingsFile,
    }),
    env: settings.env,
    claudePath: settings.claudePath,
    onPermissionRequest: options.onPermissionRequest,
    onAllowRule: options.onAllowRule,
    permissionTimeoutMs: settings.permissionTimeoutMs,
    startTimeoutMs: settings.startTimeoutMs,
    stopGraceMs: settings.stopGraceMs,
    killAfterMs: settings.killAfterMs,
    allowedForSession,
    logger: settings.logger,
  })
  workingDirectories.set(proc, meta.workingDirectory)
  if (dataDir !== undefined && sessionSet !== undefined)
    protectedSets.set(proc, { dataDir, sessionSet })
  return proc
}

/** The sessions each process's deny rules were computed for (for protectionOutdated). */
const protectedSets = new WeakMap<ClaudeProcess, { dataDir: string; sessionSet: string }>()

/**
 * True when sessions were created (or removed) since `proc` started: its deny rules don't name the new
 * ones (session-set.ts), so the pool restarts it before the next turn.
 */
export function protectionOutdated(proc: ClaudeProcess): boolean {
  const known = protectedSets.get(proc)
  return known !== undefined && sessionSetFingerprint(known.dataDir) !== known.sessionSet
}

/** The directory each process was started in (for workingDirectoryGone). */
const workingDirectories = new WeakMap<ClaudeProcess, string>()

/**
 * True when the directory `proc` was started in no longer exists (deleted while it ran): the CLI
 * would go on in a directory that is gone, so the pool restarts it before the next turn, and the
 * restart's spawn recreates the workspace (and tells the user) or fails with PROJECT_DIR_MISSING.
 * A sync stat, once per turn.
 */
export function workingDirectoryGone(proc: ClaudeProcess): boolean {
  const dir = workingDirectories.get(proc)
  return dir !== undefined && !existsSync(dir)
}

async function load(ref: SessionRef, settings: PoolSettings) {
  const [meta, persona] = await Promise.all([
    workingMetadata(ref, settings),
    settings.store.readPersonaById(ref.owner, ref.id),
  ])
  return { meta, persona, settingsFile: await settingsFileFor(ref, meta, persona, settings) }
}

/** The session's metadata, its working directory checked (and a missing workspace recreated). */
async function workingMetadata(ref: SessionRef, settings: PoolSettings): Promise<SessionMetadata> {
  const { store, logger } = settings
  if (!store.prepareWorkingDirectory) return store.getById(ref.owner, ref.id)
  const { meta, recreated } = await store.prepareWorkingDirectory(ref.owner, ref.id)
  if (recreated) {
    logger.warn({ session: ref, path: meta.workingDirectory }, 'workspace was missing: recreated')
  }
  return meta
}

/**
 * With sandbox options: the settings generated for this spawn (sandbox, deny rules, a bound project's
 * own settings merged in), in the session's directory. Without: the project's file as it is.
 */
function settingsFileFor(
  ref: SessionRef,
  meta: SessionMetadata,
  persona: Persona,
  settings: PoolSettings,
): Promise<string | undefined> {
  if (!settings.sandbox) return projectSettingsFile(meta)
  return prepareSessionSettings({
    sessionDirectory: settings.store.sessionDirectory(ref.owner, ref.id),
    workingDirectory: meta.workingDirectory,
    boundToProject: meta.boundToProject,
    autoAllow: persona.settings.autoAllowSandboxedBash,
    sandbox: settings.sandbox,
    logger: settings.logger,
  })
}

/**
 * A bound project's `.claude/settings.json`, passed with `--settings`. Run by hand, `claude` applies
 * that file's permission rules once the user accepts the directory's trust dialog; a session bound
 * with an explicit command has had that consent, but the CLI cannot ask for it in `-p` mode and
 * would ignore the rules (CLAUDE.md, skills and `settings.local.json` apply either way).
 */
async function projectSettingsFile(meta: SessionMetadata): Promise<string | undefined> {
  if (!meta.boundToProject) return undefined
  const path = join(meta.workingDirectory, '.claude', 'settings.json')
  const info = await stat(path).catch(() => undefined)
  return info?.isFile() ? path : undefined
}
