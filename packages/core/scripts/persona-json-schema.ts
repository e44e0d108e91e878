// Writes personas/persona.schema.json (for editors) from the zod schema, the single source of truth.
// Run: node packages/core/scripts/persona-json-schema.ts  (node 24 strips the types itself).
// The `.ts` import lets plain node run this file without a build; src/persona.ts imports only zod.
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { PersonaSchema } from '../src/persona.ts'

export const PERSONA_SCHEMA_FILE = fileURLToPath(
  new URL('../../../personas/persona.schema.json', import.meta.url),
)

/** The JSON Schema of a persona file as a user writes it (defaults may be left out). */
export function personaJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(PersonaSchema, { io: 'input' }),
    title: 'Switchboard persona',
    description: 'A behaviour template for a Switchboard session (see packages/core/README.md).',
  }
}

if (import.meta.main) {
  writeFileSync(PERSONA_SCHEMA_FILE, `${JSON.stringify(personaJsonSchema(), null, 2)}\n`)
}
