import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** How `pnpm start` runs the built bot: the environment and the Node flags of the bot's start script. */
export interface StartCommand {
  env: Record<string, string>
  nodeArgs: string[]
}

const BOT_MANIFEST = fileURLToPath(new URL('../../package.json', import.meta.url))

/**
 * Parses a script's last command, `[NAME=value …] node [--flag …] <entry>` (the form the start
 * scripts keep), so benches and tests run the bot exactly as it is started.
 */
export function parseStartCommand(script: string): StartCommand {
  const words = (script.split('&&').at(-1) ?? '').trim().split(/\s+/)
  const env: Record<string, string> = {}
  let i = 0
  for (; i < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[i] ?? ''); i++) {
    const [name, ...value] = (words[i] as string).split('=')
    env[name as string] = value.join('=')
  }
  if (words[i] !== 'node') throw new Error(`not a node command: ${script}`)
  const nodeArgs = words.slice(i + 1).filter((w) => w.startsWith('--'))
  return { env, nodeArgs }
}

/** The bot package's own `start` script, parsed. */
export function botStartCommand(): StartCommand {
  const manifest = JSON.parse(readFileSync(BOT_MANIFEST, 'utf8')) as { scripts: { start: string } }
  return parseStartCommand(manifest.scripts.start)
}
