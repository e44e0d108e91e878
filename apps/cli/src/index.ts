// Public API of @switchboard/cli: the command line as a function (for embedding and tests).
export { runCli } from './cli.js'
export type { Output } from './context.js'
export { deskArgs } from './desk-args.js'
export { CliError, type CliErrorCode, EXIT } from './errors.js'
