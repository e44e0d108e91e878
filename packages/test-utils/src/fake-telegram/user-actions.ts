import { randomBytes } from 'node:crypto'
import { FakeTelegramUsageError } from './errors.js'
import type { FakeState } from './fake-state.js'
import { documentOf, photoOf } from './methods/file-methods.js'
import type { FakeUser, MessageEntity, Update } from './types.js'

/** A user sends text; "/cmd" words get bot_command entities like Telegram adds. */
export function userSends(
  state: FakeState,
  from: FakeUser,
  text: string,
  extra?: { replyTo?: number },
): Update {
  const chat = state.chats.ensure(from)
  const entities = commandEntities(text)
  const replyTo =
    extra?.replyTo === undefined ? undefined : chat.messages.get(extra.replyTo)?.message
  const message = chat.add(
    {
      from: chat.user,
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(replyTo === undefined ? {} : { reply_to_message: replyTo }),
    },
    state.unixNow(),
    false,
  )
  return state.updates.push({ message })
}

/** A user sends a file as a document. */
export function userSendsDocument(
  state: FakeState,
  from: FakeUser,
  file: { name: string; content: Buffer | string; mimeType?: string },
  caption?: string,
): Update {
  const chat = state.chats.ensure(from)
  const stored = state.files.add('documents', Buffer.from(file.content), file.name, file.mimeType)
  const message = chat.add(
    { from: chat.user, document: documentOf(stored), ...(caption ? { caption } : {}) },
    state.unixNow(),
    false,
  )
  return state.updates.push({ message })
}

/** A user sends a photo (one size; the fake does not decode images). */
export function userSendsPhoto(
  state: FakeState,
  from: FakeUser,
  content: Buffer,
  caption?: string,
): Update {
  const chat = state.chats.ensure(from)
  const stored = state.files.add('photos', content, undefined, 'image/jpeg')
  const message = chat.add(
    { from: chat.user, photo: [photoOf(stored)], ...(caption ? { caption } : {}) },
    state.unixNow(),
    false,
  )
  return state.updates.push({ message })
}

/** One item of an album: a document (with a name) or a photo (without one). */
export type MediaGroupItem =
  | { name: string; content: Buffer | string; mimeType?: string }
  | { photo: Buffer }

/**
 * A user sends an album: one message per item sharing a `media_group_id`, each its own update, the
 * caption on the first item (as Telegram does).
 */
export function userSendsMediaGroup(
  state: FakeState,
  from: FakeUser,
  items: readonly MediaGroupItem[],
  caption?: string,
): Update[] {
  if (items.length < 2 || items.length > 10) {
    throw new FakeTelegramUsageError('an album has 2 to 10 items')
  }
  const chat = state.chats.ensure(from)
  const groupId = randomBytes(8).readBigUInt64BE().toString()
  return items.map((item, i) => {
    const media =
      'photo' in item
        ? { photo: [photoOf(state.files.add('photos', item.photo, undefined, 'image/jpeg'))] }
        : {
            document: documentOf(
              state.files.add('documents', Buffer.from(item.content), item.name, item.mimeType),
            ),
          }
    const message = chat.add(
      {
        from: chat.user,
        media_group_id: groupId,
        ...media,
        ...(caption && i === 0 ? { caption } : {}),
      },
      state.unixNow(),
      false,
    )
    return state.updates.push({ message })
  })
}

/** A user presses an inline button; throws if the message has no button with that data. */
export function userPresses(
  state: FakeState,
  from: FakeUser,
  target: { chatId: number; messageId: number },
  callbackData: string,
): Update {
  const stored = state.chats.get(target.chatId)?.messages.get(target.messageId)
  if (stored === undefined) {
    throw new FakeTelegramUsageError(`no message ${target.messageId} in chat ${target.chatId}`)
  }
  const markup = stored.message.reply_markup
  const rows = markup && 'inline_keyboard' in markup ? markup.inline_keyboard : []
  const buttons = Array.isArray(rows) ? rows.flat() : []
  if (!buttons.some((b) => b.callback_data === callbackData)) {
    throw new FakeTelegramUsageError(
      `message ${target.messageId} has no inline button with callback_data ${JSON.stringify(callbackData)}`,
    )
  }
  const user = state.chats.ensure(from).user
  const id = randomBytes(8).readBigUInt64BE().toString()
  state.callbackQueries.set(id, { createdAt: state.now(), answered: false })
  return state.updates.push({
    callback_query: {
      id,
      from: user,
      message: stored.message,
      chat_instance: String(target.chatId),
      data: callbackData,
    },
  })
}

// Telegram marks /commands (optionally /cmd@bot) at the start of a word.
function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = []
  for (const match of text.matchAll(/(^|\s)(\/[a-zA-Z0-9_]{1,64}(?:@[a-zA-Z0-9_]{3,32})?)/g)) {
    const offset = (match.index ?? 0) + (match[1]?.length ?? 0)
    entities.push({ type: 'bot_command', offset, length: match[2]?.length ?? 0 })
  }
  return entities
}
