import { parseArgs } from 'node:util'
import { CoreError } from '@switchboard/core'
import { newSessionCommand } from './commands/new-session.js'
import { personasCommand } from './commands/personas.js'
import { sessionsCommand } from './commands/sessions.js'
import { createContext, type Output } from './context.js'
import { readEnv } from './env.js'
import { CliError, EXIT, UsageError } from './errors.js'

const USAGE: Record<string, string> = {
  sessions: 'switchboard sessions [--json] [--owner <id>]',
  new: 'switchboard new <name> [--persona <persona>] [--dir <directory>] [--owner <id>]',
  personas: 'switchboard personas',
  open: 'switchboard open <name> [--owner <id>]',
}

const HELP = `switchboard — Switchboard's sessions at the desk

Commands:
  ${USAGE.sessions}
      The owner's sessions, most recently active first (* = the phone's active one).
  ${USAGE.new}
      A new session (a fresh workspace, or bound to an existing project directory).
  ${USAGE.personas}
      The personas a session can use.
  ${USAGE.open}
      Claude Code's own terminal UI on the session's conversation, in its directory.

Owner: --owner, else SWITCHBOARD_OWNER, else the only owner in the data dir.
Data dir: SWITCHBOARD_DATA_DIR, else $XDG_DATA_HOME/switchboard, else ~/.local/share/switchboard.
`

const OWNER = { owner: { type: 'string' } } as const

/** Runs one command line (without `node` and the script); resolves with the exit code. Never throws. */
export async function runCli(
  argv: readonly string[],
  parentEnv: NodeJS.ProcessEnv,
  io: Output,
): Promise<number> {
  try {
    return await dispatch(argv, parentEnv, io)
  } catch (error) {
    return report(error, io)
  }
}

async function dispatch(
  argv: readonly string[],
  parentEnv: NodeJS.ProcessEnv,
  io: Output,
): Promise<number> {
  const [command, ...rest] = argv
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    io.out(HELP)
    return command === undefined ? EXIT.usage : EXIT.ok
  }
  const usage = USAGE[command]
  if (usage === undefined) {
    throw new UsageError(
      `Unknown command "${command}". Commands: ${Object.keys(USAGE).join(', ')}.`,
      'switchboard <command> … (switchboard --help)',
    )
  }
  const ctx = () => createContext(readEnv(parentEnv), parentEnv, io)
  switch (command) {
    case 'sessions': {
      const { values } = parse(rest, usage, { ...OWNER, json: { type: 'boolean' } }, 0)
      await sessionsCommand(ctx(), { owner: values.owner, json: values.json === true })
      return EXIT.ok
    }
    case 'new': {
      const options = { ...OWNER, persona: { type: 'string' }, dir: { type: 'string' } } as const
      const { values, positionals } = parse(rest, usage, options, 1)
      await newSessionCommand(ctx(), { ...values, name: positionals[0] ?? '' })
      return EXIT.ok
    }
    case 'personas':
      parse(rest, usage, {}, 0)
      await personasCommand(ctx())
      return EXIT.ok
    default: {
      const { values, positionals } = parse(rest, usage, OWNER, 1)
      // Loaded only here: the process package and execa are most of the start-up time of the others.
      const { openCommand } = await import('./commands/open.js')
      return openCommand(ctx(), { owner: values.owner, name: positionals[0] ?? '' })
    }
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options']

/** parseArgs, strict, with exactly `count` positionals; its mistakes become a UsageError. */
function parse<O extends Options>(args: string[], usage: string, options: O, count: number) {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true })
  } catch (error) {
    throw new UsageError((error as Error).message, usage)
  }
  if (parsed.positionals.length < count) throw new UsageError('A session name is missing.', usage)
  if (parsed.positionals.length > count) {
    const extra = parsed.positionals.slice(count).join(' ')
    throw new UsageError(`Unexpected argument: ${extra}.`, usage)
  }
  return parsed
}

/** One line on stderr saying what went wrong (with the code), and the exit code. */
function report(error: unknown, io: Output): number {
  if (error instanceof CliError) {
    io.err(`switchboard: ${error.message}\n`)
    return error.exitCode
  }
  if (error instanceof CoreError) {
    io.err(`switchboard: ${error.message} (${error.code})\n`)
    return EXIT.failed
  }
  io.err(`switchboard: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`)
  return EXIT.failed
}
