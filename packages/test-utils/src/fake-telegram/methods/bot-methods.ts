import { z } from 'zod'
import { badRequest } from '../errors.js'
import { bool, json, parseParams, str } from '../request/param-schemas.js'
import type { BotCommand } from '../types.js'
import { checkedCommandsKey } from './command-scopes.js'
import type { MethodHandler } from './method.js'

export const getMe: MethodHandler = ({ state }) => ({
  ...state.bot,
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: state.topics.enabled,
  allows_users_to_create_topics: state.topics.usersCanCreate,
})

export const setWebhook: MethodHandler = ({ state, params }) => {
  const p = parseParams(z.looseObject({ url: str, drop_pending_updates: bool.optional() }), params)
  if (p.url !== '' && !p.url.startsWith('https://')) {
    throw badRequest('bad webhook: An HTTPS URL must be provided for webhook')
  }
  state.webhookUrl = p.url
  if (p.drop_pending_updates === true) state.updates.dropPending()
  return true
}

export const deleteWebhook: MethodHandler = ({ state, params }) => {
  const p = parseParams(z.looseObject({ drop_pending_updates: bool.optional() }), params)
  state.webhookUrl = ''
  if (p.drop_pending_updates === true) state.updates.dropPending()
  return true
}

export const getWebhookInfo: MethodHandler = ({ state }) => ({
  url: state.webhookUrl,
  has_custom_certificate: false,
  pending_update_count: state.updates.pendingCount,
})

const ScopeParams = {
  scope: json(z.unknown()).optional(),
  language_code: str.optional(),
}

const CommandsSchema = json(z.array(z.unknown()))

/** Telegram's limit per scope and language. */
const MAX_COMMANDS = 100

function validateCommand(raw: unknown): BotCommand {
  if (typeof raw !== 'object' || raw === null)
    throw badRequest("can't parse BotCommand JSON object")
  const entry = raw as Record<string, unknown>
  for (const field of ['command', 'description']) {
    if (typeof entry[field] !== 'string') {
      throw badRequest(`can't parse BotCommand: Can't find field "${field}"`)
    }
  }
  const command = String(entry.command)
  const description = String(entry.description).trim()
  if (!/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest('BOT_COMMAND_INVALID')
  if (description === '') throw badRequest('command description must be non-empty')
  if (description.length > 256) throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID')
  return { command, description }
}

export const setMyCommands: MethodHandler = ({ state, params }) => {
  const p = parseParams(z.looseObject({ commands: CommandsSchema, ...ScopeParams }), params)
  const key = checkedCommandsKey(state, p.scope, p.language_code)
  if (p.commands.length > MAX_COMMANDS) throw badRequest('BOT_COMMANDS_TOO_MUCH')
  state.commands.set(key, p.commands.map(validateCommand))
  return true
}

export const getMyCommands: MethodHandler = ({ state, params }) => {
  const p = parseParams(z.looseObject(ScopeParams), params)
  return state.commands.get(checkedCommandsKey(state, p.scope, p.language_code)) ?? []
}

export const deleteMyCommands: MethodHandler = ({ state, params }) => {
  const p = parseParams(z.looseObject(ScopeParams), params)
  state.commands.delete(checkedCommandsKey(state, p.scope, p.language_code))
  return true
}
