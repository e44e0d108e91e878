import { z } from 'zod'

// The CLI's slash commands and skills. The `initialize` control response carries them with descriptions
// (`commands: [{ name, description, argumentHint, builtin? }]`, as the Agent SDK's `SlashCommand`);
// `system/init` lists only names (`slash_commands`, `skills`). Verified against CLI 2.1.330.

export const CliCommandSchema = z.looseObject({
  name: z.string().min(1),
  description: z.string().catch(''),
  argumentHint: z.string().catch(''),
  /** Shipped with Claude Code (absent for the project's and the user's own commands). */
  builtin: z.boolean().optional(),
})
export type CliCommand = z.infer<typeof CliCommandSchema>

const InitializeCommandsSchema = z.looseObject({ commands: z.array(z.unknown()).default([]) })

/**
 * The commands of an `initialize` response, plus names only `system/init` lists (description empty).
 * Entries that don't parse are skipped: the format belongs to Claude Code.
 */
export function cliCommandsOf(
  initializeResponse: unknown,
  initNames: readonly string[] = [],
): CliCommand[] {
  const parsed = InitializeCommandsSchema.safeParse(initializeResponse ?? {})
  const commands: CliCommand[] = []
  const seen = new Set<string>()
  for (const entry of parsed.success ? parsed.data.commands : []) {
    const command = CliCommandSchema.safeParse(entry)
    if (!command.success || seen.has(command.data.name)) continue
    seen.add(command.data.name)
    commands.push(command.data)
  }
  for (const name of initNames) {
    if (name.length === 0 || seen.has(name)) continue
    seen.add(name)
    commands.push({ name, description: '', argumentHint: '' })
  }
  return commands
}
