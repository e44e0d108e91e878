import { z } from 'zod'
import { buildChildEnv } from '../child-env.js'
import { ProcessError } from '../errors.js'
import { type Logger, silentLogger } from '../logger.js'
import { type ResolvedSandbox, resolveSandboxOptions } from '../sandbox/sandbox-options.js'
import { DEFAULT_INTERRUPT_GRACE_MS } from '../stop-escalation.js'
import { DEFAULT_STALL_TIMEOUT_MS } from '../watchdog.js'
import type { PoolPermissionHandler, PoolSessionStore, ProcessPoolOptions } from './types.js'

/** The options every session of a pool shares, defaults applied and validated. */
export interface PoolSettings {
  store: PoolSessionStore
  claudePath: string
  env: Record<string, string>
  maxLive: number
  idleTimeoutMs: number
  permissionTimeoutMs?: number | undefined
  stopGraceMs?: number | undefined
  killAfterMs?: number | undefined
  startTimeoutMs?: number | undefined
  /** 0: no watchdog. */
  stallTimeoutMs: number
  interruptGraceMs: number
  onPermissionRequest: PoolPermissionHandler
  logger: Logger
  /** Undefined: no sandbox settings, no deny rules (a bound project's settings file passed as is). */
  sandbox: ResolvedSandbox | undefined
}

const positiveMs = z
  .number()
  .positive()
  .max(2 ** 31 - 1)
const NumbersSchema = z.object({
  maxLive: z.int().min(1).max(1000),
  idleTimeoutMs: positiveMs,
  permissionTimeoutMs: positiveMs.optional(),
  stopGraceMs: z.number().nonnegative().optional(),
  killAfterMs: z.number().nonnegative().optional(),
  startTimeoutMs: positiveMs.optional(),
  // × STALL_RECLAIM_FACTOR must still fit a timer.
  stallTimeoutMs: z
    .number()
    .nonnegative()
    .max(24 * 3_600_000),
  interruptGraceMs: z
    .number()
    .nonnegative()
    .max(10 * 60_000),
})

/** Applies defaults and checks the options; the error names the bad option and value. */
export function resolvePoolSettings(options: ProcessPoolOptions): PoolSettings {
  const numbers = {
    maxLive: options.maxLive ?? 4,
    idleTimeoutMs: options.idleTimeoutMs ?? 30 * 60_000,
    permissionTimeoutMs: options.permissionTimeoutMs,
    stopGraceMs: options.stopGraceMs,
    killAfterMs: options.killAfterMs,
    startTimeoutMs: options.startTimeoutMs,
    stallTimeoutMs: options.stallTimeoutMs ?? DEFAULT_STALL_TIMEOUT_MS,
    interruptGraceMs: options.interruptGraceMs ?? DEFAULT_INTERRUPT_GRACE_MS,
  }
  const parsed = NumbersSchema.safeParse(numbers)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const name = String(issue?.path[0] ?? 'options')
    const value = (numbers as Record<string, unknown>)[name]
    throw new ProcessError(
      'INVALID_OPTION',
      `ProcessPool option ${name} is invalid (${String(value)}): ${issue?.message ?? 'invalid'}`,
    )
  }
  if (typeof options.onPermissionRequest !== 'function')
    throw new ProcessError('INVALID_OPTION', 'ProcessPool option onPermissionRequest is required')
  const env = buildChildEnv(options.parentEnv ?? process.env, { deny: options.denyEnv ?? [] })
  return {
    ...parsed.data,
    store: options.store,
    claudePath: options.claudePath ?? 'claude',
    env,
    onPermissionRequest: options.onPermissionRequest,
    logger: options.logger ?? silentLogger,
    sandbox: resolveSandboxOptions(options.sandbox, env),
  }
}
