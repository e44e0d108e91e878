// Builders of what the driver writes to the CLI's stdin: one JSON object per line.

import type { Prompt } from '../prompt.js'

/**
 * A user turn. With images: the image blocks first, then the text (the order Anthropic's docs advise;
 * the CLI passes the blocks through to the model as they are).
 */
export function userMessageLine(prompt: Prompt): string {
  return `${JSON.stringify({
    type: 'user',
    message: { role: 'user', content: userContent(prompt) },
    parent_tool_use_id: null,
    session_id: '',
  })}\n`
}

function userContent(prompt: Prompt): string | Record<string, unknown>[] {
  if (typeof prompt === 'string') return prompt
  if (prompt.images.length === 0) return prompt.text
  return [
    ...prompt.images.map((image) => ({
      type: 'image',
      source: { type: 'base64', media_type: image.mediaType, data: image.data },
    })),
    { type: 'text', text: prompt.text },
  ]
}

/** A control request of ours (`initialize`, `interrupt`, `set_model`, `set_permission_mode`). */
export function controlRequestLine(
  requestId: string,
  request: { subtype: string } & Record<string, unknown>,
): string {
  return `${JSON.stringify({ type: 'control_request', request_id: requestId, request })}\n`
}

/** Our answer to one of the CLI's control requests. */
export function controlSuccessLine(requestId: string, response: Record<string, unknown>): string {
  return `${JSON.stringify({ type: 'control_response', response: { subtype: 'success', request_id: requestId, response } })}\n`
}

/** Our refusal of a CLI control request we do not support (so the CLI never waits for us). */
export function controlErrorLine(requestId: string, error: string): string {
  return `${JSON.stringify({ type: 'control_response', response: { subtype: 'error', request_id: requestId, error } })}\n`
}
