import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { newestClaudeSessionId, type SessionMetadata } from '@switchboard/core'
import { CLI_SETTINGS_FILE } from '@switchboard/process'
import { deskEnv } from '../claude-env.js'
import type { CommandContext } from '../context.js'
import { deskArgs } from '../desk-args.js'
import { runClaude } from '../run-claude.js'
import { takeDesk } from '../take-desk.js'

/**
 * `switchboard open <name>`: Claude Code's own terminal UI in the session's working directory, on
 * its conversation, with its persona's flags. Afterwards the session's conversation id is where the
 * desk left off (the newest conversation Claude Code recorded for that directory), so the phone
 * continues from there. Resolves with Claude Code's exit code (130: the user gave up waiting for
 * a turn the bot was running).
 */
export async function openCommand(
  ctx: CommandContext,
  options: { owner?: string | undefined; name: string },
): Promise<number> {
  const owner = await ctx.owner(options.owner)
  const found = await ctx.sessions.get(owner, options.name)
  // While the lease is held the bot queues phone messages for this session instead of running them;
  // a turn the bot is running already is waited for first.
  const lease = await takeDesk(ctx, found)
  if (!lease) return EXIT_GAVE_UP
  try {
    return await openAtDesk(ctx, owner, found.id)
  } finally {
    await lease.release()
  }
}

/** Given up waiting for the phone's turn (as a shell reports a Ctrl-C: 128 + SIGINT). */
const EXIT_GAVE_UP = 130

/** Runs the desk's Claude Code on the session (its lease held): read after any phone turn ended. */
async function openAtDesk(ctx: CommandContext, owner: string, id: string): Promise<number> {
  const { meta, recreated } = await ctx.sessions.prepareWorkingDirectory(owner, id)
  if (recreated) ctx.io.err(`warning: ${meta.workingDirectory} was missing and is empty again.\n`)
  const [persona, allowRules, settingsFile] = await Promise.all([
    ctx.sessions.readPersonaById(owner, meta.id),
    ctx.sessions.readAllowRules(owner, meta.id),
    sessionSettingsFile(ctx, meta),
  ])
  const args = deskArgs(meta, persona, { allowRules, settingsFile })
  try {
    return await runClaude(ctx.env.SWITCHBOARD_CLAUDE_PATH, args, {
      cwd: meta.workingDirectory,
      env: deskEnv(ctx.parentEnv),
    })
  } finally {
    // Before the lease ends: the phone's next turn must find the desk's conversation.
    await recordWhereTheDeskLeftOff(ctx, meta)
  }
}

/** The settings file the bot generated for the session's CLI (sandbox, deny rules), when there is one. */
async function sessionSettingsFile(
  ctx: CommandContext,
  meta: SessionMetadata,
): Promise<string | undefined> {
  const path = join(ctx.sessions.sessionDirectory(meta.owner, meta.id), CLI_SETTINGS_FILE)
  const info = await stat(path).catch(() => undefined)
  return info?.isFile() ? path : undefined
}

/** Points the session at the newest conversation of its directory (no change when there is none). */
export async function recordWhereTheDeskLeftOff(
  ctx: Pick<CommandContext, 'sessions' | 'claudeConfigDir'>,
  meta: SessionMetadata,
): Promise<string | null> {
  const newest = await newestClaudeSessionId(ctx.claudeConfigDir, meta.workingDirectory)
  if (newest !== null && newest !== meta.claudeSessionId) {
    await ctx.sessions.updateById(meta.owner, meta.id, { claudeSessionId: newest })
  }
  return newest
}
