/** What an inline button does, kept server-side in the CallbackStore (Telegram only sees an opaque id). */
export type CallbackAction =
  /** A permission prompt: allow once, allow always in this session, or deny. */
  | { type: 'permission'; requestKey: string; choice: 'allow' | 'always' | 'deny' }
  /** An AskUserQuestion option (or "done" for a multi-select question: optionIndex -1). */
  | { type: 'answer'; questionKey: string; optionIndex: number }
  /** Make this session the active one (from /sessions or a background answer). */
  | { type: 'switch'; sessionId: string }
  /** /sessions with topics: open this session's topic (created if it has none). */
  | { type: 'open_topic'; sessionId: string }
  /** /delete confirmation. */
  | { type: 'delete'; sessionId: string; confirm: boolean }
  /** /status: forget one remembered "always" rule of a session. */
  | { type: 'forget_rule'; sessionId: string; rule: string }
  /**
   * A Stop button (progress message, stall notice): stop that turn of the session (only if it still
   * runs). `stopping`: it was pressed already, a press now only says so.
   */
  | { type: 'stop_turn'; sessionId: string; turnId: string; stopping?: true }
  /** Run a message cut off by a restart again (its inbox entry, kept on disk, survives restarts). */
  | { type: 'run_again'; sessionId: string; entryId: string }
  /** A plan awaiting approval: approve with auto-accepted edits, approve with prompts, keep planning. */
  | { type: 'plan'; planKey: string; choice: 'auto' | 'ask' | 'keep' }
  /** A turn log's "Full output": the outputs (Bash) of that turn of the session. */
  | { type: 'turn_output'; sessionId: string; turnId: string }
  /** A lost conversation's way out: forget the session's Claude Code conversation id (files kept). */
  | { type: 'fresh_conversation'; sessionId: string }
  /** /resume or /new: continue this Claude Code conversation (its session id) in the session. */
  | { type: 'resume_conversation'; sessionId: string; conversationId: string }
  /** /resume's "Older ›" / "‹ Newer": show that page (1-based) of the session's conversations. */
  | { type: 'resume_page'; sessionId: string; page: number }

export type CallbackActionType = CallbackAction['type']
