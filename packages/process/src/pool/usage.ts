import type { SessionUpdate, UsageDelta } from '@switchboard/core'
import type { TurnResult } from '../turn-events.js'

// The CLI's `total_cost_usd` is cumulative over the whole conversation, even across `--resume`, so it
// is no per-turn cost; `turnCostUsd` (from `model_usage_since_last_result`) is, when the CLI sends it.

/**
 * Remembers the last cumulative `total_cost_usd` of one Claude conversation, so a turn's cost can be
 * derived when the result carries no per-turn figure. Kept per session across its processes.
 */
export class CostBaseline {
  private claudeSessionId: string | undefined
  private total: number | undefined

  /** The cost of this turn, and remembers the new total. */
  turnCost(result: TurnResult): number {
    const perTurn = result.turnCostUsd
    const total = result.costUsd
    const known = this.claudeSessionId === result.claudeSessionId ? this.total : undefined
    if (total !== undefined) {
      this.claudeSessionId = result.claudeSessionId
      this.total = total
    }
    if (perTurn !== undefined) return perTurn
    if (total === undefined) return 0
    // Unknown baseline (first turn of this conversation in this pool): the total as is.
    return known === undefined ? total : Math.max(0, total - known)
  }
}

/** The usage delta core adds to the session's totals for one finished turn. */
export function usageDelta(result: TurnResult, costUsd: number): UsageDelta {
  return {
    turns: 1,
    inputTokens: count(result.usage.inputTokens),
    outputTokens: count(result.usage.outputTokens),
    cacheReadInputTokens: count(result.usage.cacheReadInputTokens),
    cacheCreationInputTokens: count(result.usage.cacheCreationInputTokens),
    costUsd: Math.max(0, costUsd),
  }
}

// Core accepts non-negative integers only; the CLI's numbers are untrusted.
function count(value: number): number {
  return Number.isFinite(value) ? Math.max(0, Math.round(value)) : 0
}

/** What core records after a turn: the Claude session id (for --resume), the usage, the activity time. */
export function turnUpdate(result: TurnResult, baseline: CostBaseline): SessionUpdate {
  return {
    ...(result.claudeSessionId ? { claudeSessionId: result.claudeSessionId } : {}),
    addUsage: usageDelta(result, baseline.turnCost(result)),
    touch: true,
  }
}
