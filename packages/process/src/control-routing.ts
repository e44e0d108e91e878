import type { ControlChannel } from './control-channel.js'
import type { Logger } from './logger.js'
import type { PermissionBroker } from './permission-broker.js'
import type { ParsedLine } from './protocol/parse-line.js'
import type { TurnRecord } from './turn.js'

/**
 * Routes the control lines of the CLI's stdout: answers to our requests to the ControlChannel, its
 * permission requests (and their cancellations) to the PermissionBroker; other lines pass untouched.
 */
export function routeControlLine(
  parsed: ParsedLine,
  to: { control: ControlChannel; permissions: PermissionBroker; turn: TurnRecord | undefined },
  logger: Logger,
): void {
  if (parsed.kind === 'control_response' && !to.control.handleResponse(parsed.line)) {
    const requestId = parsed.line.response.request_id
    logger.debug({ requestId }, 'control response to no request of ours')
  }
  if (parsed.kind === 'control_request') to.permissions.handleRequest(parsed.line, to.turn)
  if (parsed.kind === 'control_cancel_request') to.permissions.cancel(parsed.line.request_id)
}

/** Logs a line that is not valid JSON or of no known type; true when it is invalid (nothing to map). */
export function logOddLine(parsed: ParsedLine, length: number, logger: Logger): boolean {
  if (parsed.kind === 'unknown')
    logger.debug({ reason: parsed.reason }, 'unknown line from the CLI')
  if (parsed.kind !== 'invalid') return false
  // The line (and JSON.parse's message, which quotes it) may be Claude's output: debug only.
  logger.warn({ length }, 'invalid JSON on the CLI stdout')
  logger.debug({ line: parsed.text.slice(0, 500), error: parsed.error }, 'the invalid line')
  return true
}
