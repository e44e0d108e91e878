import type { SessionUsage } from '@switchboard/core'

/** 1234567 → "1.2M", 12345 → "12.3k", 999 → "999". */
export function compactNumber(value: number): string {
  if (value >= 1_000_000) return `${(value / 1_000_000).toFixed(1)}M`
  if (value >= 1_000) return `${(value / 1_000).toFixed(1)}k`
  return String(value)
}

/** "$0.0123" under a dollar (small turns stay visible), "$12.34" above. */
export function formatUsd(value: number): string {
  return value < 1 ? `$${value.toFixed(4)}` : `$${value.toFixed(2)}`
}

/** "3 turns · 12.3k in / 1.2k out tokens · $0.0123". */
export function formatUsage(usage: SessionUsage): string {
  const input = usage.inputTokens + usage.cacheReadInputTokens + usage.cacheCreationInputTokens
  return `${usage.turns} turn${usage.turns === 1 ? '' : 's'} · ${compactNumber(input)} in / ${compactNumber(usage.outputTokens)} out tokens · ${formatUsd(usage.costUsd)}`
}
