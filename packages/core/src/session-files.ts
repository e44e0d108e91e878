import {
  type JsonReadResult,
  readJsonFile,
  readJsonFileSync,
  writeJsonAtomic,
} from './json-file.js'
import type { DataLayout } from './layout.js'
import type { Persona } from './persona.js'
import { type SessionMetadata, SessionMetadataSchema } from './session-metadata.js'

/** A session's metadata as found on disk. */
export type MetadataRead =
  | { kind: 'ok'; meta: SessionMetadata }
  | { kind: 'missing' }
  /** `damaged`: the content was read and is invalid (rebuildable); false when it could not be read. */
  | { kind: 'corrupt'; path: string; reason: string; damaged: boolean }

/** Reads and validates `<owner>/<id>/metadata.json`; it must also agree with its own location. */
export async function readMetadata(
  layout: DataLayout,
  owner: string,
  id: string,
): Promise<MetadataRead> {
  const path = layout.metadataPath(owner, id)
  return checkMetadata(await readJsonFile(path, SessionMetadataSchema), path, owner, id)
}

/** Synchronous twin of readMetadata, used by `list` to read many sessions in batches. */
export function readMetadataSync(layout: DataLayout, owner: string, id: string): MetadataRead {
  return readMetadataAtSync(layout.metadataPath(owner, id), owner, id)
}

/** readMetadataSync for a path the caller has built (list builds 10,000 without path.join). */
export function readMetadataAtSync(path: string, owner: string, id: string): MetadataRead {
  return checkMetadata(readJsonFileSync(path, SessionMetadataSchema), path, owner, id)
}

function checkMetadata(
  result: JsonReadResult<SessionMetadata>,
  path: string,
  owner: string,
  id: string,
): MetadataRead {
  if (!result.ok) {
    if (result.missing) return { kind: 'missing' }
    const damaged = result.readError === undefined
    return { kind: 'corrupt', path, reason: result.reason, damaged }
  }
  const meta = result.value
  if (meta.id !== id || meta.owner !== owner) {
    const reason = `metadata says ${meta.owner}/${meta.id} but the file is in ${owner}/${id}`
    return { kind: 'corrupt', path, reason, damaged: true }
  }
  return { kind: 'ok', meta }
}

/** Validates before writing, so an invalid metadata.json is never produced by core. */
export async function writeMetadata(path: string, meta: SessionMetadata): Promise<SessionMetadata> {
  const valid = SessionMetadataSchema.parse(meta)
  await writeJsonAtomic(path, valid)
  return valid
}

/** The session's own copy of a persona; `$schema` is dropped as its relative path would dangle. */
export async function writeSessionPersona(path: string, persona: Persona): Promise<void> {
  const { $schema: _schema, ...copy } = persona
  await writeJsonAtomic(path, copy)
}
