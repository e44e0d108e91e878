/** Stable codes of errors thrown by the fake Messages API. */
export type FakeAnthropicErrorCode = 'FAKE_ANTHROPIC_LISTEN_FAILED'

export class FakeAnthropicError extends Error {
  readonly code: FakeAnthropicErrorCode
  constructor(code: FakeAnthropicErrorCode, message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
    this.code = code
  }
}
