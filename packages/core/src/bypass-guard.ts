import { PersonaBypassRefusedError } from './errors.js'
import type { Persona } from './persona.js'
import { isBypass } from './persona-library.js'

/**
 * A session's persona.json is writable by whatever can write the data dir, so it is checked on
 * every read, not only when copied from the library: returns `persona`, or throws
 * PersonaBypassRefusedError naming `path` when it asks for a bypass that is not allowed.
 */
export function refuseBypass(persona: Persona, path: string, allowed: boolean): Persona {
  if (!allowed && isBypass(persona)) throw new PersonaBypassRefusedError(path)
  return persona
}
