import type { Logger } from '../logger.js'
import type { ExitNotification } from '../process-types.js'
import type { SessionRef, StopReason } from './types.js'

/** One log line per process end: info when the pool stopped it, a warning with stderr when it crashed. */
export function logExit(
  logger: Logger,
  session: SessionRef,
  exit: ExitNotification,
  reason: StopReason | undefined,
): void {
  const { exitCode, signal, stderrTail: stderr } = exit
  if (exit.stopped) logger.info({ session, reason }, 'process stopped')
  else logger.warn({ session, exitCode, signal, stderr }, 'Claude Code process exited unexpectedly')
}
