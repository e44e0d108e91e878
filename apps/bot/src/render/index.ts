// Rendering and delivery of Claude's output to Telegram. Re-exported from src/index.ts by the wiring.

// Commonly used: a finished answer, the live view of a running turn, permission prompts.
export { type DeliverOptions, type DeliveryReport, deliverAnswer } from './deliver-answer.js'
// Building blocks: Markdown → Telegram HTML, splitting, plain-text fallback.
export { escapeAttr, escapeHtml } from './html-escape.js'
export { createEditSink, createLiveSink, DraftSink, type LiveMode } from './live-sinks.js'
export { renderMarkdown } from './markdown-to-html.js'
export {
  type PermissionPromptOptions,
  type PermissionPromptRequest,
  type RenderedPrompt,
  renderPermissionPrompt,
} from './permission-prompt.js'
export { decodeEntities, htmlToPlain, visibleLength } from './plain-text.js'
export { splitHtml, splitPlain, TELEGRAM_MESSAGE_LIMIT } from './split-message.js'
export {
  DEFAULT_LIVE_INTERVAL_MS,
  DEFAULT_LIVE_MAX_VISIBLE,
  GROUP_LIVE_INTERVAL_MS,
  type LiveSink,
  StreamRenderer,
  type StreamRendererOptions,
} from './stream-renderer.js'
export {
  type DescribeOptions,
  describeToolUse,
  displayPath,
  displayToolName,
} from './tool-summary.js'
export { UpdatePump, type UpdatePumpOptions } from './update-pump.js'
