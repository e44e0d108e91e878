/**
 * Everything the bot (and the Claude Code it starts) creates is private to its user: data files,
 * the audit log, uploads. Call before anything is created; core sets its modes explicitly as well.
 * Returns the umask the bot was started with.
 */
export function usePrivateUmask(): number {
  return process.umask(0o077)
}
