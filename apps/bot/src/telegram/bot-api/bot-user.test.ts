import { describe, expect, it } from 'vitest'
import { getMeWithTopics } from './bot-user.js'
import { BotApiReplyError } from './errors.js'
import { fakeOutbox } from './testing/fake-outbox.js'

const me = { id: 1, is_bot: true, first_name: 'Switchboard', username: 'sb_bot' }

describe('getMeWithTopics', () => {
  it('reads the topic flags of Bot API 9.3/9.4', async () => {
    const { outbox, calls } = fakeOutbox(() => ({
      ...me,
      has_topics_enabled: true,
      allows_users_to_create_topics: true,
      can_join_groups: false,
    }))
    const user = await getMeWithTopics(outbox)
    expect(user).toMatchObject({ has_topics_enabled: true, allows_users_to_create_topics: true })
    expect(calls).toEqual([{ method: 'getMe', payload: {}, options: undefined }])
  })

  it('treats absent flags as false (a bot without Threaded Mode)', async () => {
    const { outbox } = fakeOutbox(() => me)
    expect(await getMeWithTopics(outbox)).toMatchObject({
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
    })
  })

  it('rejects a reply that is not a User', async () => {
    const { outbox } = fakeOutbox(() => ({ ...me, has_topics_enabled: 'yes' }))
    const error = await getMeWithTopics(outbox).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(BotApiReplyError)
    expect(error).toMatchObject({ method: 'getMe', received: { has_topics_enabled: 'yes' } })
  })
})
