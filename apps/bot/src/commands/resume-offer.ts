import type { SessionMetadata } from '@switchboard/core'
import type { BotDeps } from '../deps.js'
import {
  conversationButtonText,
  conversationLine,
  conversationsOf,
  resumeButtons,
} from './resume-format.js'

export interface ResumeOffer {
  /** A line for the "Created …" message (HTML). */
  html: string
  /** Its button: "Continue the latest conversation here (…)". */
  replyMarkup: { inline_keyboard: ReturnType<typeof resumeButtons> }
}

/**
 * A new session in a project where Claude Code already has a conversation (e.g. from `claude` in a
 * terminal): offers to continue the latest one. Undefined when there is none, or the store can't be read.
 */
export async function latestConversationOffer(
  deps: Pick<BotDeps, 'callbacks' | 'logger'>,
  userId: number,
  meta: Pick<SessionMetadata, 'id' | 'workingDirectory' | 'boundToProject'>,
): Promise<ResumeOffer | undefined> {
  if (!meta.boundToProject) return undefined
  const [latest] = await conversationsOf(meta, 1).catch((error: unknown) => {
    deps.logger.warn({ err: error }, 'could not read Claude Code conversations')
    return []
  })
  if (!latest) return undefined
  const label = (c: typeof latest) =>
    `Continue the latest conversation here (${conversationButtonText(c)})`
  return {
    html: `Claude Code has a conversation here from ${conversationLine(latest)}. It starts fresh unless you continue it (/resume lists all).`,
    replyMarkup: { inline_keyboard: resumeButtons(deps, userId, meta, [latest], label) },
  }
}
