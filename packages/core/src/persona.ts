import { z } from 'zod'

/** Claude Code's permission modes, as accepted by `--permission-mode`. */
export const PermissionModeSchema = z.enum([
  'default',
  'acceptEdits',
  'plan',
  'bypassPermissions',
  'dontAsk',
  'auto',
])
export type PermissionMode = z.infer<typeof PermissionModeSchema>

/** Settings a persona passes to Claude Code; every one is optional and maps to one CLI flag or setting. */
export const PersonaSettingsSchema = z.strictObject({
  model: z.string().min(1).max(200).optional(),
  maxTurns: z.int().min(1).max(10_000).optional(),
  permissionMode: PermissionModeSchema.optional(),
  allowedTools: z.array(z.string().min(1).max(500)).max(200).optional(),
  disallowedTools: z.array(z.string().min(1).max(500)).max(200).optional(),
  maxBudgetUsd: z.number().positive().max(100_000).optional(),
  /**
   * With the sandbox on, Bash commands that stay inside it run without a prompt (Claude Code's
   * `sandbox.autoAllowBashIfSandboxed`). Off unless set: the sandbox is a second wall, not the first.
   */
  autoAllowSandboxedBash: z.boolean().optional(),
})
export type PersonaSettings = z.infer<typeof PersonaSettingsSchema>

/** A behaviour template for a session. Unknown keys are errors, so typos never pass silently. */
export const PersonaSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'expected 1-64 characters of a-z 0-9 . _ -'),
  description: z.string().min(1).max(500),
  /** Appended to Claude Code's own system prompt (`--append-system-prompt`). */
  systemPrompt: z.string().max(50_000),
  settings: PersonaSettingsSchema.default({}),
})
export type Persona = z.infer<typeof PersonaSchema>
