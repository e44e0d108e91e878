import type { SessionMetadata } from '@switchboard/core'
import type { CommandContext } from '../context.js'

/** `switchboard sessions [--json]`: the owner's sessions, most recently active first. */
export async function sessionsCommand(
  ctx: CommandContext,
  options: { owner?: string | undefined; json: boolean },
): Promise<void> {
  const owner = await ctx.owner(options.owner)
  const [{ sessions, broken }, active] = await Promise.all([
    ctx.sessions.list({ owner }),
    ctx.sessions.active(owner),
  ])
  if (options.json) {
    const result = {
      owner,
      active: active?.name ?? null,
      sessions,
      broken: broken.map((b) => ({ path: b.path, reason: b.reason })),
    }
    ctx.io.out(`${JSON.stringify(result, null, 2)}\n`)
    return
  }
  for (const b of broken) ctx.io.err(`warning: unusable session at ${b.path}: ${b.reason}\n`)
  if (sessions.length === 0) {
    ctx.io.out(`No sessions for owner ${owner}. Create one: switchboard new <name>\n`)
    return
  }
  ctx.io.out(formatTable(sessions, active?.id))
}

function formatTable(sessions: readonly SessionMetadata[], activeId: string | undefined): string {
  const rows = [
    ['', 'NAME', 'PERSONA', 'STATUS', 'LAST ACTIVE', 'DIRECTORY'],
    ...sessions.map((s) => [
      s.id === activeId ? '*' : '',
      s.name,
      s.persona,
      s.status,
      s.lastActiveAt.slice(0, 16).replace('T', ' '),
      s.workingDirectory,
    ]),
  ]
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows
    .map((r) =>
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('')
}
