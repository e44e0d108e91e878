import { readFile } from 'node:fs/promises'
import { expect, it } from 'vitest'
import { PERSONA_SCHEMA_FILE, personaJsonSchema } from '../scripts/persona-json-schema.ts'

// Compared as data, not text, so reformatting the committed file (Biome) does not matter.
it('personas/persona.schema.json is up to date (run scripts/persona-json-schema.ts)', async () => {
  const committed = JSON.parse(await readFile(PERSONA_SCHEMA_FILE, 'utf8'))
  expect(committed).toEqual(personaJsonSchema())
})
