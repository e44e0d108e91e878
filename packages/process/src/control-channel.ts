import { randomUUID } from 'node:crypto'
import { ControlFailedError, ControlTimeoutError, type ProcessError } from './errors.js'
import type { ControlResponseLine } from './protocol/control-messages.js'
import { controlRequestLine } from './protocol/input-lines.js'

interface Pending {
  subtype: string
  resolve: (response: Record<string, unknown>) => void
  reject: (error: ProcessError) => void
  timer: NodeJS.Timeout
}

/** Our control requests to the CLI, correlated with its responses by `request_id`, each with a timeout. */
export class ControlChannel {
  private readonly pending = new Map<string, Pending>()

  constructor(private readonly write: (line: string) => void) {}

  /** Sends a request; resolves with the CLI's response payload. */
  request(
    request: { subtype: string } & Record<string, unknown>,
    timeoutMs: number,
  ): Promise<Record<string, unknown>> {
    const requestId = `req_${randomUUID()}`
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(requestId)
        reject(new ControlTimeoutError(request.subtype, timeoutMs))
      }, timeoutMs)
      this.pending.set(requestId, { subtype: request.subtype, resolve, reject, timer })
      try {
        this.write(controlRequestLine(requestId, request))
      } catch (error) {
        this.settle(requestId)?.reject(
          new ControlFailedError(request.subtype, `could not write to the CLI: ${String(error)}`),
        )
      }
    })
  }

  /** Routes a `control_response` line; returns false when it answers nothing we asked. */
  handleResponse(line: ControlResponseLine): boolean {
    const pending = this.settle(line.response.request_id)
    if (!pending) return false
    if (line.response.subtype === 'success') pending.resolve(line.response.response ?? {})
    else
      pending.reject(
        new ControlFailedError(pending.subtype, line.response.error ?? 'unknown error'),
      )
    return true
  }

  /** Fails every waiting request (the process is gone). */
  failAll(reason: string): void {
    for (const [requestId, pending] of [...this.pending]) {
      this.settle(requestId)
      pending.reject(new ControlFailedError(pending.subtype, reason))
    }
  }

  private settle(requestId: string): Pending | undefined {
    const pending = this.pending.get(requestId)
    if (!pending) return undefined
    clearTimeout(pending.timer)
    this.pending.delete(requestId)
    return pending
  }
}
