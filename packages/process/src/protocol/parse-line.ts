import type { z } from 'zod'
import {
  type ControlCancelLine,
  ControlCancelLineSchema,
  type ControlRequestLine,
  ControlRequestLineSchema,
  type ControlResponseLine,
  ControlResponseLineSchema,
} from './control-messages.js'
import {
  type AssistantLine,
  AssistantLineSchema,
  type ResultLine,
  ResultLineSchema,
  type StreamEventLine,
  StreamEventLineSchema,
  type SystemApiRetryLine,
  SystemApiRetrySchema,
  type SystemInitLine,
  SystemInitSchema,
  type SystemStatusLine,
  SystemStatusSchema,
  type UserLine,
  UserLineSchema,
} from './output-lines.js'

/** One stdout line, classified. `unknown` keeps lines of types (or shapes) this version does not model. */
export type ParsedLine =
  | { kind: 'system_init'; line: SystemInitLine }
  | { kind: 'system_status'; line: SystemStatusLine }
  | { kind: 'system_api_retry'; line: SystemApiRetryLine }
  | { kind: 'assistant'; line: AssistantLine }
  | { kind: 'user'; line: UserLine }
  | { kind: 'stream_event'; line: StreamEventLine }
  | { kind: 'result'; line: ResultLine }
  | { kind: 'control_request'; line: ControlRequestLine }
  | { kind: 'control_response'; line: ControlResponseLine }
  | { kind: 'control_cancel_request'; line: ControlCancelLine }
  | { kind: 'unknown'; raw: unknown; reason: string }
  | { kind: 'invalid'; text: string; error: string }

type Known = Exclude<ParsedLine, { kind: 'unknown' | 'invalid' }>

/** Parses one line of the CLI's stdout. Never throws. */
export function parseLine(text: string): ParsedLine {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch (error) {
    return { kind: 'invalid', text, error: error instanceof Error ? error.message : String(error) }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { kind: 'unknown', raw, reason: 'not a JSON object' }
  }
  const { type, subtype } = raw as { type?: unknown; subtype?: unknown }
  switch (type) {
    case 'system':
      if (subtype === 'init') return as('system_init', SystemInitSchema, raw)
      if (subtype === 'status') return as('system_status', SystemStatusSchema, raw)
      if (subtype === 'api_retry') return as('system_api_retry', SystemApiRetrySchema, raw)
      return { kind: 'unknown', raw, reason: `system subtype ${String(subtype)}` }
    case 'assistant':
      return as('assistant', AssistantLineSchema, raw)
    case 'user':
      return as('user', UserLineSchema, raw)
    case 'stream_event':
      return as('stream_event', StreamEventLineSchema, raw)
    case 'result':
      return as('result', ResultLineSchema, raw)
    case 'control_request':
      return as('control_request', ControlRequestLineSchema, raw)
    case 'control_response':
      return as('control_response', ControlResponseLineSchema, raw)
    case 'control_cancel_request':
      return as('control_cancel_request', ControlCancelLineSchema, raw)
    default:
      return { kind: 'unknown', raw, reason: `type ${String(type)}` }
  }
}

// A known type whose shape changed is passed through as unknown, with the schema's complaint.
function as<K extends Known['kind']>(kind: K, schema: z.ZodType, raw: unknown): ParsedLine {
  const parsed = schema.safeParse(raw)
  if (!parsed.success)
    return {
      kind: 'unknown',
      raw,
      reason: `${kind}: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
    }
  return { kind, line: parsed.data } as ParsedLine
}
