import type { Context } from 'telegraf'
import { describe, expect, it } from 'vitest'
import { SeenTopicNames, topicNameIn } from './seen-topic-names.js'

const root = { message_id: 7, forum_topic_created: { name: 'Research', icon_color: 0x6fb9f0 } }

function ctx(message: object): Context {
  return { chat: { id: 1, type: 'private' }, message } as unknown as Context
}

describe('SeenTopicNames', () => {
  it('learns a topic’s name from a message in it that carries the topic’s first message', () => {
    const names = new SeenTopicNames()
    names.note(ctx({ message_id: 9, message_thread_id: 7, text: 'hi', reply_to_message: root }))
    expect(names.get(1, 7)).toBe('Research')
    expect(names.get(1, 8)).toBeUndefined()
    expect(names.get(1, undefined)).toBeUndefined()
  })

  it('ignores messages outside topics and replies to other messages', () => {
    const names = new SeenTopicNames()
    names.note(ctx({ message_id: 9, text: 'hi', reply_to_message: root }))
    names.note(ctx({ message_id: 10, message_thread_id: 7, reply_to_message: { message_id: 8 } }))
    expect(names.get(1, 7)).toBeUndefined()
  })

  it('reads the name of a forum_topic_created message itself', () => {
    expect(topicNameIn(root)).toBe('Research')
    expect(topicNameIn({ forum_topic_created: { name: ' ' } })).toBeUndefined()
  })

  it('tells a topic the bot made (its first message is the bot’s) from one the user made', () => {
    const names = new SeenTopicNames()
    const byBot = { ...root, from: { id: 99, is_bot: true, first_name: 'bot' } }
    names.note(ctx({ message_id: 9, message_thread_id: 7, text: 'hi', reply_to_message: byBot }))
    names.note(ctx({ message_id: 10, message_thread_id: 8, text: 'hi', reply_to_message: root }))
    expect(names.madeByBot(1, 7)).toBe(true)
    expect(names.madeByBot(1, 8)).toBe(false)
    expect(names.madeByBot(1, undefined)).toBe(false)
  })
})
