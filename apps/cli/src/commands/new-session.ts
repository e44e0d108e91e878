import { resolve } from 'node:path'
import type { CommandContext } from '../context.js'

/** `switchboard new <name> [--persona p] [--dir d]`: an idle session, not made the active one. */
export async function newSessionCommand(
  ctx: CommandContext,
  options: {
    owner?: string | undefined
    name: string
    persona?: string | undefined
    dir?: string | undefined
  },
): Promise<void> {
  const owner = await ctx.owner(options.owner)
  const meta = await ctx.sessions.create({
    owner,
    name: options.name,
    ...(options.persona === undefined ? {} : { persona: options.persona }),
    // Relative to where the command runs, as a shell user expects.
    ...(options.dir === undefined ? {} : { projectDir: resolve(options.dir) }),
  })
  ctx.io.out(
    `Created session ${meta.name} (persona ${meta.persona}) in ${meta.workingDirectory}.\n` +
      `Open it here: switchboard open ${meta.name}\n`,
  )
}
