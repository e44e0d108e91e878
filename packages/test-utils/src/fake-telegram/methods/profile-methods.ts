import { z } from 'zod'
import { badRequest } from '../errors.js'
import { json, parseParams, str } from '../request/param-schemas.js'
import type { MethodHandler } from './method.js'

// Bot profile texts: [field name, max length, Telegram's wording when too long]
const TEXTS = {
  Description: ['description', 512, 'description is too long'],
  ShortDescription: ['short_description', 120, 'short description is too long'],
  Name: ['name', 64, 'name is too long'],
} as const

function setText(kind: keyof typeof TEXTS): MethodHandler {
  const [field, max, tooLong] = TEXTS[kind]
  return ({ state, params }) => {
    const p = parseParams(
      z.looseObject({ [field]: str.optional(), language_code: str.optional() }),
      params,
    )
    const value = String(p[field] ?? '')
    if (value.length > max) throw badRequest(tooLong)
    state.profile.set(`${field}|${p.language_code ?? ''}`, value)
    return true
  }
}

function getText(kind: keyof typeof TEXTS): MethodHandler {
  const [field] = TEXTS[kind]
  return ({ state, params }) => {
    const p = parseParams(z.looseObject({ language_code: str.optional() }), params)
    const fallback = kind === 'Name' ? (state.bot.first_name ?? '') : ''
    return { [field]: state.profile.get(`${field}|${p.language_code ?? ''}`) ?? fallback }
  }
}

const MenuButton = json(z.looseObject({ type: z.enum(['commands', 'web_app', 'default']) }))

export const profileMethods: Record<string, MethodHandler> = {
  setMyDescription: setText('Description'),
  getMyDescription: getText('Description'),
  setMyShortDescription: setText('ShortDescription'),
  getMyShortDescription: getText('ShortDescription'),
  setMyName: setText('Name'),
  getMyName: getText('Name'),
  setChatMenuButton: ({ state, params }) => {
    const p = parseParams(z.looseObject({ menu_button: MenuButton.optional() }), params)
    state.profile.set('menu_button', p.menu_button ?? { type: 'default' })
    return true
  },
  getChatMenuButton: ({ state }) => state.profile.get('menu_button') ?? { type: 'commands' },
}
