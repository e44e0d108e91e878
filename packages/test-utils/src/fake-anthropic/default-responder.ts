import { promptBlocks } from './record-request.js'
import type { FakeReply, RecordedRequest, Responder } from './types.js'

const SLOW_CHUNKS = 10

// The field a bare `TOOL:<Name>:<arg>` argument fills, per tool.
const MAIN_FIELD: Record<string, (arg: string) => Record<string, unknown>> = {
  Bash: (arg) => ({ command: arg, description: 'run command' }),
  Read: (arg) => ({ file_path: arg }),
  Write: (arg) => ({ file_path: arg, content: '' }),
  Edit: (arg) => ({ file_path: arg, old_string: '', new_string: '' }),
  Glob: (arg) => ({ pattern: arg }),
  Grep: (arg) => ({ pattern: arg }),
  WebFetch: (arg) => ({ url: arg, prompt: 'summarize' }),
  WebSearch: (arg) => ({ query: arg }),
  Agent: (arg) => ({ description: 'sub task', prompt: arg }),
  Task: (arg) => ({ description: 'sub task', prompt: arg }),
}

/**
 * The scripted model, keyed on the newest prompt (`req.prompt`):
 * a tool result → `tool result: <text>`; `TOOL:<Name>:<json|arg>` → tool_use; `SLOW:<ms>:<text>`;
 * `ERROR:<status>:<message>`; `HANG`; `REMEMBER?` → earlier prompts; `SYSTEM?` → end of the system
 * prompt; `MODEL?` → the model; anything else → `echo: <prompt>`.
 */
export const defaultResponder: Responder = (req) => {
  if (req.hasToolResult) return text(`tool result: ${req.toolResultText.slice(0, 200)}`)
  const prompt = req.prompt
  const [head = '', second = '', ...rest] = prompt.split(':')
  const tail = rest.join(':')
  if (head === 'TOOL' && second !== '') return toolUse(second, tail)
  if (head === 'SLOW' && /^\d+$/.test(second)) {
    const ms = Number(second)
    return {
      kind: 'text',
      text: tail || 'slow reply',
      chunkCount: SLOW_CHUNKS,
      chunkDelayMs: ms / SLOW_CHUNKS,
    }
  }
  if (head === 'ERROR' && /^\d{3}$/.test(second)) {
    return { kind: 'error', status: Number(second), message: tail || 'scripted error' }
  }
  if (prompt === 'HANG') return { kind: 'hang' }
  if (prompt === 'REMEMBER?') return text(`history: ${previousPrompts(req).join(' | ')}`)
  if (prompt === 'SYSTEM?') return text(req.systemText.slice(-200))
  if (prompt === 'MODEL?') return text(req.model ?? '(none)')
  return text(`echo: ${prompt}`)
}

function text(value: string): FakeReply {
  return { kind: 'text', text: value }
}

function toolUse(name: string, arg: string): FakeReply {
  const json = parseObject(arg)
  const input = json ?? MAIN_FIELD[name]?.(arg) ?? { input: arg }
  return { kind: 'tool_use', name, input }
}

function parseObject(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw)
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>
    }
  } catch {}
  return undefined
}

// Prompts of earlier user messages (not tool results), oldest first, without the current one.
function previousPrompts(req: RecordedRequest): string[] {
  return req.messages
    .filter((m) => m?.role === 'user')
    .flatMap((m) => promptBlocks(m.content))
    .slice(0, -1)
}
