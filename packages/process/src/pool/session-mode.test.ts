import type { Persona } from '@switchboard/core'
import { expect, test } from 'vitest'
import { recordingLogger } from '../../test/support/recording-logger.js'
import { SessionMode } from './session-mode.js'
import { SettingsOverrides } from './settings-overrides.js'
import type { PoolSessionStore } from './types.js'

function fakeStore(mode: string | undefined) {
  const persona = { name: 'p', settings: mode ? { permissionMode: mode } : {} } as Persona
  const saved: unknown[] = []
  const store = {
    readPersonaById: async () => persona,
    getById: async () => ({ owner: '1', name: 'main' }),
    updatePersonaSettings: async (owner: string, name: string, patch: object) => {
      saved.push({ owner, name, patch })
      Object.assign(persona.settings, patch)
    },
  } as unknown as PoolSessionStore
  return { store, saved }
}

test('a reported mode shows in the overrides at once and is saved in the persona copy (once when repeated)', async () => {
  const { store, saved } = fakeStore('plan')
  const overrides = new SettingsOverrides()
  const mode = new SessionMode({ owner: '1', id: 'a' }, store, overrides, recordingLogger().logger)
  mode.reported('acceptEdits')
  expect(overrides.permissionMode).toBe('acceptEdits')
  mode.reported('acceptEdits')
  await mode.idle()
  expect(saved).toEqual([{ owner: '1', name: 'main', patch: { permissionMode: 'acceptEdits' } }])
})

test('the mode the persona already has is not written again; an unknown mode is ignored', async () => {
  const { store, saved } = fakeStore(undefined)
  const overrides = new SettingsOverrides()
  const log = recordingLogger()
  const mode = new SessionMode({ owner: '1', id: 'a' }, store, overrides, log.logger)
  mode.reported('default')
  mode.reported('warp-speed')
  await mode.idle()
  expect(saved).toEqual([])
  expect(overrides.permissionMode).toBe('default')
  expect(log.warnings.join('\n')).toContain('unknown permission mode')
})

test('a store that cannot save: logged, never thrown', async () => {
  const { store } = fakeStore('plan')
  store.updatePersonaSettings = async () => {
    throw new Error('disk full')
  }
  const log = recordingLogger()
  const mode = new SessionMode({ owner: '1', id: 'a' }, store, new SettingsOverrides(), log.logger)
  mode.reported('default')
  await mode.idle()
  expect(log.warnings.join('\n')).toContain('could not save the permission mode')
})
