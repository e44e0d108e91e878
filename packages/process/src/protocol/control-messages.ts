import { z } from 'zod'

// The control protocol shares the pipes with the conversation. Requests go both ways, each answered by
// a `control_response` with the same `request_id`.

/** The CLI asks the host whether a tool may run (`--permission-prompt-tool stdio`). */
export const CanUseToolRequestSchema = z.looseObject({
  subtype: z.literal('can_use_tool'),
  tool_name: z.string(),
  display_name: z.string().optional(),
  input: z.record(z.string(), z.unknown()).default({}),
  description: z.string().optional(),
  permission_suggestions: z.array(z.looseObject({ type: z.string() })).optional(),
  blocked_path: z.string().optional(),
  tool_use_id: z.string().optional(),
})
export type CanUseToolRequest = z.infer<typeof CanUseToolRequestSchema>

/** A request from the CLI; `request` is checked against the subtypes we answer later. */
export const ControlRequestLineSchema = z.looseObject({
  type: z.literal('control_request'),
  request_id: z.string(),
  request: z.looseObject({ subtype: z.string() }),
})
export type ControlRequestLine = z.infer<typeof ControlRequestLineSchema>

/** The CLI's answer to one of our requests. */
export const ControlResponseLineSchema = z.looseObject({
  type: z.literal('control_response'),
  response: z.looseObject({
    subtype: z.enum(['success', 'error']),
    request_id: z.string(),
    response: z.record(z.string(), z.unknown()).optional(),
    error: z.string().optional(),
  }),
})
export type ControlResponseLine = z.infer<typeof ControlResponseLineSchema>

/** The CLI withdraws one of its requests (e.g. a permission prompt made moot by an interrupt). */
export const ControlCancelLineSchema = z.looseObject({
  type: z.literal('control_cancel_request'),
  request_id: z.string(),
})
export type ControlCancelLine = z.infer<typeof ControlCancelLineSchema>

/** One permission-rule update, as the CLI suggests it and as `updatedPermissions` carries it back. */
export const PermissionUpdateSchema = z.looseObject({
  type: z.string(),
  rules: z
    .array(z.looseObject({ toolName: z.string(), ruleContent: z.string().optional() }))
    .optional(),
  behavior: z.string().optional(),
  destination: z.string().optional(),
})
export type PermissionUpdate = z.infer<typeof PermissionUpdateSchema>
