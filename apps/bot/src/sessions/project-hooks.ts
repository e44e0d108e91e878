import { join } from 'node:path'
import { z } from 'zod'
import { readSmallFile } from '../files/read-small-file.js'

/**
 * Hooks of a bound project: commands Claude Code runs by itself on events (every prompt, every
 * tool use…), configured in `.claude/settings.json` and `.claude/settings.local.json`. They run
 * without a permission prompt, so `/new` names them.
 */
export const PROJECT_SETTINGS_FILES = ['.claude/settings.json', '.claude/settings.local.json']

export interface ProjectHook {
  /** The settings file it came from, relative to the project. */
  file: string
  /** e.g. "PreToolUse". */
  event: string
  /** Which tools (or sources) it applies to; undefined: all. */
  matcher: string | undefined
  /** "command", "http", "prompt", "agent"… */
  type: string
  /** The command line, URL or prompt it runs. */
  run: string
}

export interface ProjectHooks {
  hooks: ProjectHook[]
  /** Files that could not be read as settings (so they may hold hooks not listed). */
  unreadable: { file: string; problem: string }[]
}

// Loose on purpose: unknown keys are the CLI's business; only the shape we list must hold.
const HookSchema = z.looseObject({
  type: z.string(),
  command: z.string().optional(),
  url: z.string().optional(),
  prompt: z.string().optional(),
})
const MatcherSchema = z.looseObject({
  matcher: z.string().optional(),
  hooks: z.array(HookSchema),
})
const SettingsSchema = z.looseObject({
  hooks: z.record(z.string(), z.array(MatcherSchema)).optional(),
})

/** The hooks in one settings file's text; a problem instead when it isn't readable settings. */
export function parseHooks(
  file: string,
  text: string,
): { hooks: ProjectHook[] } | { problem: string } {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return { problem: 'not valid JSON' }
  }
  const parsed = SettingsSchema.safeParse(data)
  if (!parsed.success) return { problem: 'its "hooks" are not in the expected shape' }
  const hooks: ProjectHook[] = []
  for (const [event, matchers] of Object.entries(parsed.data.hooks ?? {})) {
    for (const { matcher, hooks: entries } of matchers) {
      for (const hook of entries) {
        const run = hook.command ?? hook.url ?? hook.prompt ?? ''
        hooks.push({ file, event, matcher: matcher || undefined, type: hook.type, run })
      }
    }
  }
  return { hooks }
}

/** A settings file larger than this is not read (and reported unreadable). */
const MAX_SETTINGS_BYTES = 1024 * 1024

/** The hooks of the project at `dir`; missing files are simply absent. */
export async function readProjectHooks(dir: string): Promise<ProjectHooks> {
  const result: ProjectHooks = { hooks: [], unreadable: [] }
  for (const file of PROJECT_SETTINGS_FILES) {
    const text = await readSettingsText(join(dir, file))
    if (text === null) continue
    const parsed = typeof text === 'string' ? parseHooks(file, text) : text
    if ('problem' in parsed) result.unreadable.push({ file, problem: parsed.problem })
    else result.hooks.push(...parsed.hooks)
  }
  return result
}

async function readSettingsText(path: string): Promise<string | null | { problem: string }> {
  const read = await readSmallFile(path, MAX_SETTINGS_BYTES)
  if (read.ok) return read.text
  const problem = read.problem
  if (problem.kind === 'missing') return null
  if (problem.kind === 'not-file') return { problem: 'not a regular file' }
  if (problem.kind === 'too-large') return { problem: 'larger than 1 MiB' }
  return { problem: `cannot read it (${problem.code})` }
}
