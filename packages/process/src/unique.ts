/** The values without repeats, in first-seen order. */
export function unique(values: Iterable<string>): string[] {
  return [...new Set(values)]
}
