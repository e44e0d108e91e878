import { z } from 'zod'
import type { InitInfo } from './process-types.js'
import {
  ContentBlockSchema,
  TextBlockSchema,
  ThinkingBlockSchema,
  ToolResultBlockSchema,
  ToolUseBlockSchema,
  toolResultText,
} from './protocol/content-blocks.js'
import type {
  AssistantLine,
  ResultLine,
  SystemInitLine,
  UserLine,
} from './protocol/output-lines.js'
import { TextDeltaEventSchema } from './protocol/output-lines.js'
import type { ParsedLine } from './protocol/parse-line.js'
import type { TurnEvent, TurnResult } from './turn-events.js'

/**
 * The turn events one parsed stdout line stands for (often none, sometimes several: one per content block).
 * Control lines are the driver's business and map to nothing here.
 */
export function mapLineToEvents(parsed: ParsedLine): TurnEvent[] {
  switch (parsed.kind) {
    case 'assistant':
      return assistantEvents(parsed.line)
    case 'user':
      return toolResultEvents(parsed.line)
    case 'stream_event': {
      // Only text deltas are surfaced: the other stream events repeat what `assistant` lines carry.
      const delta = TextDeltaEventSchema.safeParse(parsed.line.event)
      if (!delta.success) return []
      return [
        {
          type: 'text_delta',
          text: delta.data.delta.text,
          parentToolUseId: parsed.line.parent_tool_use_id ?? null,
        },
      ]
    }
    case 'system_status': {
      const { status, permissionMode } = parsed.line
      const mode: TurnEvent[] =
        permissionMode === undefined ? [] : [{ type: 'permission_mode', mode: permissionMode }]
      return [{ type: 'status', status: status ?? null }, ...mode]
    }
    case 'system_api_retry': {
      const l = parsed.line
      return [
        {
          type: 'api_retry',
          attempt: l.attempt,
          maxRetries: l.max_retries,
          retryDelayMs: l.retry_delay_ms,
          errorStatus: l.error_status,
          error: l.error,
        },
      ]
    }
    case 'result':
      return [{ type: 'result', ...toTurnResult(parsed.line) }]
    case 'unknown':
      return [{ type: 'unknown', raw: parsed.raw, reason: parsed.reason }]
    default:
      return []
  }
}

/** The CLI's `result` line in the driver's terms. */
export function toTurnResult(line: ResultLine): TurnResult {
  return {
    subtype: line.subtype,
    isError: line.is_error,
    text: line.result,
    errors: line.errors ?? [],
    claudeSessionId: line.session_id,
    costUsd: line.total_cost_usd,
    turnCostUsd: sumModelCost(line.model_usage_since_last_result),
    usage: {
      inputTokens: line.usage?.input_tokens ?? 0,
      outputTokens: line.usage?.output_tokens ?? 0,
      cacheReadInputTokens: line.usage?.cache_read_input_tokens ?? 0,
      cacheCreationInputTokens: line.usage?.cache_creation_input_tokens ?? 0,
    },
    numTurns: line.num_turns,
    durationMs: line.duration_ms,
    apiErrorStatus: line.api_error_status ?? undefined,
  }
}

const ModelUsageSchema = z.record(z.string(), z.looseObject({ costUSD: z.number().nonnegative() }))

/** Sum of `costUSD` over a per-model usage map; undefined when absent or not shaped as expected. */
function sumModelCost(raw: unknown): number | undefined {
  const parsed = ModelUsageSchema.safeParse(raw)
  if (!parsed.success) return undefined
  return Object.values(parsed.data).reduce((sum, model) => sum + model.costUSD, 0)
}

function assistantEvents(line: AssistantLine): TurnEvent[] {
  const parentToolUseId = line.parent_tool_use_id ?? null
  const content = line.message.content
  if (typeof content === 'string') return [{ type: 'text', text: content, parentToolUseId }]
  return content.map((block): TurnEvent => {
    const text = TextBlockSchema.safeParse(block)
    if (text.success) return { type: 'text', text: text.data.text, parentToolUseId }
    const thinking = ThinkingBlockSchema.safeParse(block)
    if (thinking.success)
      return { type: 'thinking', thinking: thinking.data.thinking, parentToolUseId }
    const tool = ToolUseBlockSchema.safeParse(block)
    if (tool.success)
      return {
        type: 'tool_use',
        id: tool.data.id,
        name: tool.data.name,
        input: tool.data.input,
        parentToolUseId,
      }
    return {
      type: 'unknown',
      raw: block,
      reason: `assistant block ${ContentBlockSchema.safeParse(block).data?.type ?? '?'}`,
    }
  })
}

// Only tool results matter here; other user content (e.g. "[Request interrupted by user]") is an echo.
function toolResultEvents(line: UserLine): TurnEvent[] {
  const content = line.message.content
  if (typeof content === 'string') return []
  const events: TurnEvent[] = []
  for (const block of content) {
    const result = ToolResultBlockSchema.safeParse(block)
    if (!result.success) continue
    events.push({
      type: 'tool_result',
      toolUseId: result.data.tool_use_id,
      isError: result.data.is_error ?? false,
      content: toolResultText(result.data.content),
      parentToolUseId: line.parent_tool_use_id ?? null,
    })
  }
  // The line's structured report belongs to its result only when it carries exactly one.
  const [only] = events
  if (events.length === 1 && only?.type === 'tool_result' && line.tool_use_result !== undefined)
    only.toolUseResult = line.tool_use_result
  return events
}

/** What `system/init` says about the process (repeated at the start of every turn). */
export function toInitInfo(line: SystemInitLine): InitInfo {
  return {
    claudeSessionId: line.session_id,
    model: line.model,
    cwd: line.cwd,
    tools: line.tools,
    permissionMode: line.permissionMode,
    slashCommands: line.slash_commands,
    skills: line.skills,
  }
}
