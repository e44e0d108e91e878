import { describe, expect, it } from 'vitest'
import { BotApiUpdateError } from './errors.js'
import { parseMessageGenerationStopped } from './generation-stopped.js'

const chat = { id: 42, type: 'private', first_name: 'Ann' }

describe('parseMessageGenerationStopped', () => {
  it('parses the update with and without a thread', () => {
    expect(
      parseMessageGenerationStopped({
        update_id: 1,
        stopped_message_generation: { chat, message_thread_id: 7, draft_id: 3 },
      }),
    ).toEqual({ chat, message_thread_id: 7, draft_id: 3 })
    expect(
      parseMessageGenerationStopped({
        update_id: 2,
        stopped_message_generation: { chat, draft_id: 3 },
      }),
    ).toEqual({ chat, draft_id: 3 })
  })

  it('returns undefined for updates of other kinds', () => {
    expect(parseMessageGenerationStopped({ update_id: 3, message: { text: 'hi' } })).toBeUndefined()
    expect(parseMessageGenerationStopped(null)).toBeUndefined()
  })

  it('throws a coded error for a malformed one', () => {
    const update = { update_id: 4, stopped_message_generation: { chat, draft_id: '3' } }
    expect(() => parseMessageGenerationStopped(update)).toThrow(BotApiUpdateError)
    try {
      parseMessageGenerationStopped(update)
    } catch (error) {
      expect(error).toMatchObject({ code: 'BOT_API_INVALID_UPDATE' })
      expect((error as BotApiUpdateError).issues.join()).toContain('draft_id')
    }
  })
})
