import type { ChatMessage, FakeUser } from './fakes.js'
import type { BotHarness } from './harness.js'

/** Sends `text` as `from` (default the harness user) and returns the bot's next message in that chat. */
export async function ask(
  h: BotHarness,
  text: string,
  from: FakeUser = h.user,
): Promise<ChatMessage> {
  const update = h.send(text, from)
  return h.waitForReply(update, () => true, { chatId: from.id })
}

/** The current state of one message in a chat (after edits). */
export function messageIn(
  h: BotHarness,
  chatId: number,
  messageId: number,
): ChatMessage | undefined {
  return h.chat(chatId).messages.find((m) => m.messageId === messageId)
}
