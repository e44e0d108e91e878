import { z } from 'zod'
import { InvalidUpdateError } from './errors.js'
import { formatIssues } from './json-file.js'
import { type Persona, PersonaSettingsSchema } from './persona.js'

/** Each key: a new value, or null to drop the setting (Claude Code's default applies again). */
export const PersonaSettingsPatchSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(PersonaSettingsSchema.shape).map(([key, schema]) => [
      key,
      schema.unwrap().nullable().optional(),
    ]),
  ) as {
    [K in keyof typeof PersonaSettingsSchema.shape]: z.ZodOptional<
      z.ZodNullable<ReturnType<(typeof PersonaSettingsSchema.shape)[K]['unwrap']>>
    >
  },
)
export type PersonaSettingsPatch = z.input<typeof PersonaSettingsPatchSchema>

export function parsePersonaSettingsPatch(
  patch: unknown,
): z.output<typeof PersonaSettingsPatchSchema> {
  const parsed = PersonaSettingsPatchSchema.safeParse(patch)
  if (!parsed.success) throw new InvalidUpdateError(formatIssues(parsed.error.issues))
  return parsed.data
}

/** Pure: the persona with the patch applied. */
export function applyPersonaSettingsPatch(
  persona: Persona,
  patch: z.output<typeof PersonaSettingsPatchSchema>,
): Persona {
  const settings: Record<string, unknown> = { ...persona.settings }
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete settings[key]
    else if (value !== undefined) settings[key] = value
  }
  return { ...persona, settings: PersonaSettingsSchema.parse(settings) }
}
