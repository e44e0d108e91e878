import { isAbsolute } from 'node:path'
import { z } from 'zod'
import { parseDuration } from './duration.js'

// Field builders for the env schemas. Each message says what is expected and, for optional
// variables, what leaving it empty gives: every problem in the start-up list says what to do.

/** Appended to a message: what an empty (unset) value means. */
export const orEmpty = (fallback: string) => `; leave it empty for ${fallback}`

/** A duration such as "90s", "15m" or "2h" between `min` and `max` ms, `fallback` when unset. */
export const duration = (fallback: string, min: number, max: number) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const ms = parseDuration(value)
      if (ms === undefined || ms < min || ms > max) {
        ctx.addIssue({
          code: 'custom',
          message: `expected a duration such as "90s", "15m" or "2h" between ${min / 1000}s and ${max / 3_600_000}h, got ${JSON.stringify(value)}${orEmpty(`the default, ${fallback}`)}`,
        })
        return z.NEVER
      }
      return ms
    })

/** A whole number of `what` between `min` and `max`, `fallback` when unset. */
export const count = (what: string, min: number, max: number, fallback: number) => {
  const expected = `expected a whole number of ${what}, ${min}-${max}${orEmpty(`the default, ${fallback}`)}`
  return z.coerce
    .number({ error: expected })
    .int(expected)
    .min(min, expected)
    .max(max, expected)
    .default(fallback)
}

/** "a, b,,c" → ["a", "b", "c"]. */
export const commaList = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)

export const absolutePath = (what: string) =>
  z.string().refine(isAbsolute, `expected the absolute path of ${what}`)
