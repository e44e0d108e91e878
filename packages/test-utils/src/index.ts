// Fake Anthropic Messages API: lets the real Claude Code CLI run offline with a scripted model.
export { claudeEnv } from './claude-env.js'
export { defaultResponder } from './fake-anthropic/default-responder.js'
export { FakeAnthropicError, type FakeAnthropicErrorCode } from './fake-anthropic/errors.js'
export { planFilePath, writePlan } from './fake-anthropic/plan-mode.js'
export {
  deferredToolCall,
  type ScenarioStep,
  say,
  scenarioResponder,
  toolCall,
} from './fake-anthropic/scenario.js'
export { startFakeAnthropicApi } from './fake-anthropic/server.js'
export { decodeSse, type StreamEvent } from './fake-anthropic/sse.js'
export type {
  FakeAnthropicApi,
  FakeReply,
  RawRequest,
  RecordedRequest,
  Responder,
} from './fake-anthropic/types.js'
// Fake Telegram Bot API: strict like the real one (limits, parse errors, floods), with user simulation.
export * from './fake-telegram/index.js'
// Fake OpenAI-compatible transcription server (voice notes).
export * from './fake-transcriber/index.js'
// A misbehaving network in front of the fake Telegram (refuse, reset, half-open, lost replies).
export * from './fault-proxy/index.js'
// A command in a pseudo-terminal (util-linux `script`): Claude Code's terminal UI driven like a user.
export { Pty } from './pty.js'
// The README of a package against what it exports.
export { checkReadmeApi, exportedNames, type ReadmeApiReport } from './readme-api.js'
// Temp directories for tests.
export { makeTempDir } from './temp-dir.js'
