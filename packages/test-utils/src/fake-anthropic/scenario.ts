import { defaultResponder } from './default-responder.js'
import { promptBlocks } from './record-request.js'
import type { FakeReply, RecordedRequest, Responder } from './types.js'

/** One model reply of a scripted turn: fixed, or computed from the request (e.g. to echo a tool result). */
export type ScenarioStep = FakeReply | ((req: RecordedRequest) => FakeReply)

/**
 * A responder that plays multi-step turns. A turn with a prompt block starting with one of the keys gets that
 * key's steps in order: step N answers the request that follows the model's Nth reply of the turn (so
 * each tool_use step is followed by the step that sees its tool result). Past the last step the model
 * says `scenario finished`. Other requests (other prompts, side requests) go to `fallback`.
 */
export function scenarioResponder(
  scenarios: Record<string, ScenarioStep[]>,
  fallback: Responder = defaultResponder,
): Responder {
  return (req) => {
    if (req.isSideRequest) return fallback(req)
    const turn = currentTurn(req)
    if (turn === undefined) return fallback(req)
    const key = Object.keys(scenarios).find((k) => turn.prompts.some((p) => p.startsWith(k)))
    if (key === undefined) return fallback(req)
    const step = scenarios[key]?.[turn.repliesSoFar]
    if (step === undefined) return { kind: 'text', text: 'scenario finished' }
    return typeof step === 'function' ? step(req) : step
  }
}

/** A tool call step. */
export function toolCall(name: string, input: Record<string, unknown>, text?: string): FakeReply {
  return text === undefined
    ? { kind: 'tool_use', name, input }
    : { kind: 'tool_use', name, input, text }
}

/** A final text step. */
export function say(text: string): FakeReply {
  return { kind: 'text', text }
}

/**
 * The two steps a model takes to call a deferred tool (AskUserQuestion, ExitPlanMode, TodoWrite…):
 * load it with ToolSearch (`select:<Name>`), then call it.
 */
export function deferredToolCall(name: string, input: Record<string, unknown>): FakeReply[] {
  return [
    toolCall('ToolSearch', { query: `select:${name}`, max_results: 1 }),
    toolCall(name, input),
  ]
}

// The turn a request belongs to: the newest user message that is a prompt (no tool_result), and how many
// assistant messages came after it.
function currentTurn(
  req: RecordedRequest,
): { prompts: string[]; repliesSoFar: number } | undefined {
  const messages = req.messages
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]
    if (m?.role !== 'user' || hasToolResult(m.content)) continue
    const prompts = promptBlocks(m.content)
    if (prompts.length === 0) continue
    const repliesSoFar = messages.slice(i + 1).filter((later) => later?.role === 'assistant').length
    return { prompts, repliesSoFar }
  }
  return undefined
}

function hasToolResult(content: unknown): boolean {
  return Array.isArray(content) && content.some((b) => b?.type === 'tool_result')
}
