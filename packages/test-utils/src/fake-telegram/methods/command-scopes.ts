import { badRequest } from '../errors.js'
import type { FakeState } from '../fake-state.js'

// Telegram keeps one command list per scope (BotCommandScope) and language. The scope is checked the way
// the Bot API server checks it, with its error texts; this fake has private chats only, where just the
// `chat` scope of the chat-bound ones is allowed.

const CHATLESS = ['default', 'all_private_chats', 'all_group_chats', 'all_chat_administrators']
const CHAT_BOUND = ['chat', 'chat_administrators', 'chat_member']

/** The BotCommandScope as sent, without the JSON decoding (`scope` may be a JSON string). */
export type RawScope = Record<string, unknown> | undefined

function scopeError(reason: string): Error {
  return badRequest(`can't parse BotCommandScope: ${reason}`)
}

/** The storage key of a scope + language, after checking both as Telegram does. */
export function checkedCommandsKey(state: FakeState, scope: unknown, language?: string): string {
  if (scope !== undefined && (typeof scope !== 'object' || scope === null || Array.isArray(scope)))
    throw scopeError('BotCommandScope must be an Object')
  const fields = (scope ?? {}) as Record<string, unknown>
  const type = scope === undefined ? 'default' : fields.type
  if (scope !== undefined && type === undefined) throw scopeError(`Can't find field "type"`)
  if (typeof type !== 'string') throw scopeError(`Field "type" must be of type String`)
  if (!CHATLESS.includes(type) && !CHAT_BOUND.includes(type))
    throw scopeError('Unsupported type specified')
  let where: Record<string, unknown> = {}
  if (CHAT_BOUND.includes(type)) {
    const chatId = fields.chat_id
    if (chatId === undefined) throw scopeError(`Can't find field "chat_id"`)
    if (String(chatId) === '') throw scopeError('Empty chat_id specified')
    if (!state.chats.get(Number(chatId))) throw badRequest('chat not found')
    if (type !== 'chat') throw badRequest("can't use specified scope in private chats")
    where = { chat_id: Number(chatId) }
  }
  const lang = language ?? ''
  if (lang !== '' && !/^[a-z]{2}$/.test(lang)) throw badRequest('invalid language code specified')
  return commandsKey({ type, ...where }, lang)
}

/** Commands are stored per scope (type + chat) and language. */
export function commandsKey(scope: Record<string, unknown> | undefined, language?: string): string {
  const { type = 'default', ...rest } = scope ?? {}
  const where = Object.keys(rest).length > 0 ? JSON.stringify(rest) : ''
  return `${String(type)}${where}|${language ?? ''}`
}
