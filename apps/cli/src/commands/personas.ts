import type { CommandContext } from '../context.js'

/** `switchboard personas`: the persona library (shipped, then the data dir's own), one per line. */
export async function personasCommand(ctx: CommandContext): Promise<void> {
  const { personas, issues } = await ctx.sessions.personas.load()
  for (const issue of issues) {
    const where = issue.field ? ` (${issue.field})` : ''
    ctx.io.err(`warning: persona file ${issue.path}${where} left out: ${issue.message}\n`)
  }
  const width = Math.max(0, ...personas.map((p) => p.name.length))
  for (const p of personas) ctx.io.out(`${p.name.padEnd(width)}  ${p.description}\n`)
}
