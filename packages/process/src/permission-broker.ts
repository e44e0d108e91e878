import type { Logger } from './logger.js'
import {
  decidePermission,
  type PermissionHandler,
  type PermissionRequest,
  permissionResponse,
  toPermissionRequest,
} from './permissions.js'
import {
  CanUseToolRequestSchema,
  type ControlRequestLine,
  type PermissionUpdate,
} from './protocol/control-messages.js'
import { controlErrorLine, controlSuccessLine } from './protocol/input-lines.js'
import { SessionPermissions } from './session-permissions.js'
import type { TurnRecord } from './turn.js'

/**
 * Answers the CLI's control requests: `can_use_tool` through session rules and the handler (reporting
 * `permission_request` / `permission_decision` events on the turn), anything else with an error so the
 * CLI never waits on us.
 */
export class PermissionBroker {
  readonly rules: SessionPermissions
  private readonly pending = new Map<string, AbortController>()

  constructor(
    private readonly options: {
      handler: PermissionHandler | undefined
      timeoutMs: number
      allowedForSession: readonly string[]
      /** The CLI's cwd: "always" rules for directories are offered only below it. */
      workingDirectory: string
      /** Told each rule an "always" answer added (to keep it beyond this process). */
      onAllowRule?: ((rule: string) => void) | undefined
      /** Told each time an answer went back to the CLI (the watchdog restarts its clock). */
      onAnswered?: () => void
      logger: Logger
      write: (line: string) => void
    },
  ) {
    this.rules = new SessionPermissions(options.allowedForSession)
    if (this.rules.rejected.length > 0)
      options.logger.warn(
        { count: this.rules.rejected.length },
        'ignored carried-over "always" rules that are not narrow',
      )
  }

  /** True while a request waits for its answer (the CLI waits on us, not the other way round). */
  get waiting(): boolean {
    return this.pending.size > 0
  }

  handleRequest(line: ControlRequestLine, turn: TurnRecord | undefined): void {
    const parsed = CanUseToolRequestSchema.safeParse(line.request)
    if (!parsed.success) {
      this.options.logger.warn(
        { subtype: line.request.subtype },
        'unsupported control request from the CLI',
      )
      this.send(
        controlErrorLine(line.request_id, `Unsupported control request: ${line.request.subtype}`),
      )
      return
    }
    void this.answer(line.request_id, parsed.data, turn)
  }

  /** The CLI withdrew a request: its handler's signal fires and it is answered with a deny. */
  cancel(requestId: string): void {
    this.pending.get(requestId)?.abort()
  }

  /** Every open request becomes moot (turn ended, interrupt, exit). */
  cancelAll(): void {
    for (const controller of this.pending.values()) controller.abort()
  }

  private async answer(
    requestId: string,
    req: Parameters<typeof toPermissionRequest>[2],
    turn: TurnRecord | undefined,
  ) {
    const request = toPermissionRequest(requestId, turn?.id, req, this.options.workingDirectory)
    const cancel = new AbortController()
    this.pending.set(requestId, cancel)
    // Checked once: rules match paths on disk (symlinks resolved).
    const covered = this.rules.covers(request)
    if (!covered) turn?.push({ type: 'permission_request', request })
    const { decision, decidedBy } = await decidePermission(request, {
      handler: this.options.handler,
      covered,
      timeoutMs: this.options.timeoutMs,
      cancel: cancel.signal,
      logger: this.options.logger,
    })
    this.pending.delete(requestId)
    const updates =
      decision.behavior === 'allow' && decision.always ? this.remember(request) : undefined
    this.send(controlSuccessLine(requestId, permissionResponse(request, decision, updates)))
    this.options.onAnswered?.()
    turn?.push({ type: 'permission_decision', request, decision, decidedBy })
  }

  // An "always" with no narrow rule to remember is a one-time allow, never a wider rule.
  private remember(request: PermissionRequest): PermissionUpdate[] | undefined {
    const rule = request.alwaysRule
    const updates = rule === undefined ? undefined : this.rules.remember(rule)
    if (!rule || !updates) {
      this.options.logger.warn(
        { toolName: request.toolName },
        '"always" answered for a request with no narrow rule: allowed once',
      )
      return undefined
    }
    this.options.onAllowRule?.(rule)
    return updates
  }

  // The process may be gone by the time a (slow) handler answers: nothing left to tell.
  private send(line: string): void {
    try {
      this.options.write(line)
    } catch (error) {
      this.options.logger.debug({ err: error }, 'could not answer a CLI control request')
    }
  }
}
