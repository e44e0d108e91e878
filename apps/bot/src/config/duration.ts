/** Parses "90", "90s", "15m", "2h" or "500ms" into milliseconds; a bare number means seconds. */
export function parseDuration(input: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/i.exec(input)
  if (!match?.[1]) return undefined
  const value = Number(match[1])
  const unit = (match[2] ?? 's').toLowerCase()
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1_000 : unit === 'm' ? 60_000 : 3_600_000
  const ms = Math.round(value * factor)
  return Number.isSafeInteger(ms) ? ms : undefined
}
