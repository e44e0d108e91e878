import { pino } from 'pino'

/** An error as logged without its stack: for expected failures (a retry), where a stack is noise. */
export interface BriefError {
  type: string
  message: string
  code?: string
}

export function briefError(error: unknown): BriefError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error) }
  const code = (error as { code?: unknown }).code
  return { type: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) }
}

/**
 * pino's `err` serializer, brief (no stack, no cause chain) for errors `isExpected` recognises:
 * an expected retry logs one line of what happened, an unexpected failure keeps its stack.
 */
export function errSerializer(isExpected: (error: unknown) => boolean): (error: unknown) => object {
  return (error: unknown) =>
    isExpected(error) ? briefError(error) : pino.stdSerializers.err(error as Error)
}
