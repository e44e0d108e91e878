/** One request to `/v1/messages`, parsed into the fields tests assert on. */
export interface RecordedRequest {
  /** Path without the query string, e.g. '/v1/messages'. */
  path: string
  /** Path with the query string, e.g. '/v1/messages?beta=true'. */
  url: string
  headers: Record<string, string | string[] | undefined>
  /** Parsed JSON body (`undefined` when the body was not JSON). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary fields of the CLI's request JSON
  body: any
  model: string | undefined
  stream: boolean
  /** All system blocks' text joined with '\n'. */
  systemText: string
  /** The user's prompt: text blocks of the last user message not starting with '<system-reminder>'. */
  lastUserText: string
  /**
   * The newest prompt: the last of those blocks. Differs from lastUserText after a failed turn
   * (API error), when the CLI sends the failed prompt and the new one as two blocks of one message.
   */
  prompt: string
  /** The last user message contains a tool_result block. */
  hasToolResult: boolean
  /** Text of those tool_result blocks, joined with '\n'. */
  toolResultText: string
  // biome-ignore lint/suspicious/noExplicitAny: as `body`, the CLI's messages are asserted on freely
  messages: any[]
  /**
   * True for requests that are not a turn of the main conversation (titles, quota probes, summaries…):
   * no tools offered, or neither a prompt nor a tool result in the last user message.
   */
  isSideRequest: boolean
}

/** Any HTTP request the fake received (messages, count_tokens, HEAD checks…), in arrival order. */
export interface RawRequest {
  method: string
  url: string
  path: string
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** What the fake answers to one `/v1/messages` request. */
export type FakeReply =
  | { kind: 'text'; text: string; chunkCount?: number; chunkDelayMs?: number }
  | { kind: 'tool_use'; name: string; input: Record<string, unknown>; text?: string }
  | {
      kind: 'error'
      status: number
      type?: string
      message: string
      /** Let the client retry (5xx/429). Default false: sends `x-should-retry: false` so tests stay fast. */
      retry?: boolean
    }
  | { kind: 'hang' }

export type Responder = (req: RecordedRequest) => FakeReply | Promise<FakeReply>

export interface FakeAnthropicApi {
  /** 'http://127.0.0.1:PORT', to use as ANTHROPIC_BASE_URL. */
  url: string
  /** `/v1/messages` requests in arrival order (side requests included; see `turnRequests`). */
  requests: RecordedRequest[]
  /** Every HTTP request, including count_tokens and HEAD/GET checks. */
  allRequests: RawRequest[]
  /** Only the main-conversation turns (`!isSideRequest`). */
  turnRequests(): RecordedRequest[]
  setResponder(r: Responder): void
  /** Closes the server and ends hanging or slow streams. */
  close(): Promise<void>
}
