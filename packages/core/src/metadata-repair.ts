import { readdir, readFile, rename, stat } from 'node:fs/promises'
import { newestClaudeSessionId } from './claude-transcripts.js'
import { readJsonFile } from './json-file.js'
import type { DataLayout } from './layout.js'
import { type SalvagedFields, salvageMetadata } from './metadata-salvage.js'
import { claimName, readNameEntry } from './name-index.js'
import { normalizeSessionName } from './names.js'
import { PersonaSchema } from './persona.js'
import { mkdirPrivate } from './private-mode.js'
import { writeMetadata } from './session-files.js'
import { EMPTY_USAGE, METADATA_SCHEMA_VERSION, type SessionMetadata } from './session-metadata.js'

/** What a rebuilt metadata.json took from where: the app tells the user from this. */
export interface MetadataRepairReport {
  owner: string
  id: string
  name: string
  /** Why the old metadata.json was unusable. */
  reason: string
  /** Where the damaged file was kept (renamed beside it, never deleted); null when it was missing. */
  damagedFile: string | null
  /** `index`: the name index still named it; `damaged-file`: read from the damaged file; else made up. */
  nameFrom: 'index' | 'damaged-file' | 'generated'
  personaFrom: 'persona.json' | 'damaged-file' | 'default'
  /** `workspace` also when a bound project directory could not be recovered or was refused. */
  workingDirectoryFrom: 'damaged-file' | 'workspace'
  /** Where Claude Code's session id came from; null: not recovered (the next turn starts afresh). */
  claudeSessionIdFrom: 'damaged-file' | 'transcript' | null
  usageRecovered: boolean
  /** False also when the session had no topic, or its topic was the damaged part (now null). */
  topicRecovered: boolean
  meta: SessionMetadata
}

export interface RepairContext {
  layout: DataLayout
  now: () => Date
  /** Claude Code's config dir, to find the newest transcript of the session's working directory. */
  claudeConfigDir: string
  /** The project-dir rules of a new binding: resolves to the real path or throws. */
  checkProjectDir: (path: string) => Promise<string>
  withOwnerLock: <T>(owner: string, fn: () => Promise<T>) => Promise<T>
  onRepair?: (report: MetadataRepairReport) => void
}

/**
 * Rebuilds `<owner>/<id>/metadata.json` from what is left: the directory name (id, owner), the name
 * index, persona.json, the readable part of the damaged file and Claude Code's transcripts. The
 * damaged file is renamed to `metadata.json.damaged-<time>`. Call under the session lock; returns
 * null when the session directory is gone.
 */
export async function rebuildMetadata(
  ctx: RepairContext,
  owner: string,
  id: string,
  reason: string,
): Promise<SessionMetadata | null> {
  const { layout } = ctx
  const dir = await stat(layout.sessionDir(owner, id)).catch(() => null)
  if (!dir?.isDirectory()) return null
  const path = layout.metadataPath(owner, id)
  const text = await readFile(path, 'utf8').catch(() => null)
  const salvaged = text === null ? {} : salvageMetadata(text)
  const now = ctx.now()
  const workspace = layout.workspaceDir(owner, id)
  const project = await recoverProjectDir(ctx, salvaged, workspace)
  const workingDirectory = project ?? workspace
  const transcriptId = salvaged.claudeSessionId
    ? null
    : await newestClaudeSessionId(ctx.claudeConfigDir, workingDirectory)
  const persona = await readJsonFile(layout.personaPath(owner, id), PersonaSchema)
  let damagedFile: string | null = null
  if (text !== null) {
    damagedFile = `${path}.damaged-${now.toISOString().replaceAll(':', '-')}`
    await rename(path, damagedFile)
  }
  const named = await ctx.withOwnerLock(owner, () => chooseName(layout, owner, id, salvaged))
  const time = now.toISOString()
  const meta = await writeMetadata(path, {
    schemaVersion: METADATA_SCHEMA_VERSION,
    id,
    name: named.name,
    owner,
    persona: persona.ok ? persona.value.name : (salvaged.persona ?? 'default'),
    status: 'idle',
    createdAt: salvaged.createdAt ?? time,
    lastActiveAt: salvaged.lastActiveAt ?? time,
    workingDirectory,
    boundToProject: project !== null,
    claudeSessionId: salvaged.claudeSessionId ?? transcriptId,
    pid: null,
    usage: salvaged.usage ?? { ...EMPTY_USAGE },
    topic: salvaged.topic ?? null,
  })
  ctx.onRepair?.({
    owner,
    id,
    name: meta.name,
    reason,
    damagedFile,
    nameFrom: named.from,
    personaFrom: persona.ok ? 'persona.json' : salvaged.persona ? 'damaged-file' : 'default',
    workingDirectoryFrom: project !== null ? 'damaged-file' : 'workspace',
    claudeSessionIdFrom: salvaged.claudeSessionId
      ? 'damaged-file'
      : transcriptId
        ? 'transcript'
        : null,
    usageRecovered: salvaged.usage !== undefined,
    topicRecovered: salvaged.topic !== undefined,
    meta,
  })
  return meta
}

/** A bound project dir read from the damaged file, if it still passes the binding rules. */
async function recoverProjectDir(
  ctx: RepairContext,
  salvaged: SalvagedFields,
  workspace: string,
): Promise<string | null> {
  const dir = salvaged.workingDirectory
  if (!dir || dir === workspace || salvaged.boundToProject === false) return null
  const real = await ctx.checkProjectDir(dir).catch(() => null)
  // The CLI keys its history by this exact path: a directory that resolves elsewhere is not it.
  return real === dir ? real : null
}

/** The name: one the index still gives this id, else the damaged file's (if free), else a new one. */
async function chooseName(
  layout: DataLayout,
  owner: string,
  id: string,
  salvaged: SalvagedFields,
): Promise<{ name: string; from: MetadataRepairReport['nameFrom'] }> {
  await mkdirPrivate(layout.namesDir(owner))
  const names = await readdir(layout.namesDir(owner))
  for (const name of names.filter((n) => !n.startsWith('.')).sort()) {
    if ((await readNameEntry(layout, owner, name))?.id === id) return { name, from: 'index' }
  }
  const wanted = validName(salvaged.name)
  if (wanted && (await claimName(layout, owner, wanted, id))) {
    return { name: wanted, from: 'damaged-file' }
  }
  for (let n = 1; ; n++) {
    const name = `recovered-${id.slice(0, 8)}${n > 1 ? `-${n}` : ''}`
    if (await claimName(layout, owner, name, id)) return { name, from: 'generated' }
  }
}

function validName(name: string | undefined): string | null {
  if (name === undefined) return null
  try {
    return normalizeSessionName(name)
  } catch {
    return null
  }
}
