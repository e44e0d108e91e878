import { readdir, readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { resolveDataDir } from './data-dir.js'
import {
  BYPASS_REFUSED_MESSAGE,
  PersonaBypassRefusedError,
  PersonaInvalidError,
  type PersonaIssue,
  PersonaNotFoundError,
} from './errors.js'
import { type Persona, PersonaSchema } from './persona.js'

/**
 * The shipped personas: the `@switchboard/personas` package (the repo's top-level `personas/`), a
 * dependency of core, so an app that installs core from a registry gets them too.
 */
export const BUILTIN_PERSONAS_DIR = dirname(
  createRequire(import.meta.url).resolve('@switchboard/personas/package.json'),
)

/** Not personas: the JSON Schema beside the shipped personas (for editors) and their package's manifest. */
const NOT_PERSONAS = new Set(['persona.schema.json', 'package.json'])

export interface PersonaLibraryOptions {
  /** Data dir whose `personas/` holds user personas; default `resolveDataDir()`. */
  dataDir?: string
  /** Directory of shipped personas; default `@switchboard/personas` (the repo's top-level `personas/`). */
  builtinDir?: string | URL
  /**
   * Accept personas with `permissionMode: "bypassPermissions"` (every tool runs unasked). Default
   * false: such files are skipped with an issue (code PERSONA_BYPASS_REFUSED) and `get` refuses them.
   */
  allowBypassPermissions?: boolean
}

export interface PersonaLoadResult {
  /** Valid personas by name; a user persona replaces a shipped one of the same name. */
  personas: Persona[]
  /** Files that were skipped, and why. */
  issues: PersonaIssue[]
}

/** Shipped plus user personas, read from disk on every call (several processes may edit them). */
export class PersonaLibrary {
  readonly builtinDir: string
  readonly userDir: string
  readonly allowBypassPermissions: boolean

  constructor(options: PersonaLibraryOptions = {}) {
    const builtin = options.builtinDir ?? BUILTIN_PERSONAS_DIR
    this.builtinDir = builtin instanceof URL ? fileURLToPath(builtin) : builtin
    this.userDir = join(options.dataDir ?? resolveDataDir(), 'personas')
    this.allowBypassPermissions = options.allowBypassPermissions ?? false
  }

  async load(): Promise<PersonaLoadResult> {
    const allowBypass = this.allowBypassPermissions
    const [builtin, user] = await Promise.all([
      loadDir(this.builtinDir, allowBypass),
      loadDir(this.userDir, allowBypass),
    ])
    const byName = new Map<string, Persona>()
    for (const persona of [...builtin.personas, ...user.personas]) byName.set(persona.name, persona)
    return {
      personas: [...byName.values()].sort((a, b) => a.name.localeCompare(b.name)),
      issues: [...builtin.issues, ...user.issues],
    }
  }

  async list(): Promise<Persona[]> {
    return (await this.load()).personas
  }

  /**
   * The persona called `name`; PersonaInvalidError if only a broken file has that name, and
   * PersonaBypassRefusedError if a file of that name asks for a refused bypassPermissions (even
   * when a shipped persona of that name exists: falling back to it would hide the refusal).
   */
  async get(name: string): Promise<Persona> {
    const { personas, issues } = await this.load()
    const refused = issues.find(
      (issue) => issue.code === 'PERSONA_BYPASS_REFUSED' && basename(issue.path) === `${name}.json`,
    )
    if (refused) throw new PersonaBypassRefusedError(refused.path)
    const found = personas.find((persona) => persona.name === name)
    if (found) return found
    const own = issues.filter((issue) => basename(issue.path) === `${name}.json`)
    if (own.length > 0) throw new PersonaInvalidError(own)
    throw new PersonaNotFoundError(
      name,
      personas.map((persona) => persona.name),
    )
  }
}

async function loadDir(dir: string, allowBypass: boolean): Promise<PersonaLoadResult> {
  let files: string[]
  try {
    files = (await readdir(dir, { withFileTypes: true }))
      .filter(
        (entry) => entry.isFile() && entry.name.endsWith('.json') && !NOT_PERSONAS.has(entry.name),
      )
      .map((entry) => entry.name)
      .sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { personas: [], issues: [] }
    throw error
  }
  const results = await Promise.all(
    files.map((file) => loadFile(join(dir, file), file, allowBypass)),
  )
  return {
    personas: results.flatMap((result) => ('persona' in result ? [result.persona] : [])),
    issues: results.flatMap((result) => ('issues' in result ? result.issues : [])),
  }
}

async function loadFile(
  path: string,
  file: string,
  allowBypass: boolean,
): Promise<{ persona: Persona } | { issues: PersonaIssue[] }> {
  let data: unknown
  try {
    data = JSON.parse(await readFile(path, 'utf8'))
  } catch (error) {
    return { issues: [{ path, field: '', message: (error as Error).message }] }
  }
  const parsed = PersonaSchema.safeParse(data)
  if (!parsed.success) {
    return {
      issues: parsed.error.issues.map((issue) => ({
        path,
        field: issue.path.map(String).join('.'),
        message: issue.message,
      })),
    }
  }
  // The file name is the lookup key, so it must agree with the name inside.
  if (file !== `${parsed.data.name}.json`) {
    const message = `file name must be "${parsed.data.name}.json" to match the persona's name`
    return { issues: [{ path, field: 'name', message }] }
  }
  if (!allowBypass && isBypass(parsed.data)) {
    const issue: PersonaIssue = {
      path,
      field: 'settings.permissionMode',
      message: BYPASS_REFUSED_MESSAGE,
      code: 'PERSONA_BYPASS_REFUSED',
    }
    return { issues: [issue] }
  }
  return { persona: parsed.data }
}

/** True when the persona runs Claude Code with every permission check skipped. */
export function isBypass(persona: Persona): boolean {
  return persona.settings.permissionMode === 'bypassPermissions'
}
