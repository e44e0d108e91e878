// Voice notes and audio files, end to end: the real bot and CLI, the fake Telegram (voice/audio
// messages and their files), the fake Messages API and a fake OpenAI-compatible transcriber.
import { readFile } from 'node:fs/promises'
import { type FakeTranscriber, startFakeTranscriber } from '@switchboard/test-utils'
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest'
import { allowedRange, findFiles, freshUser, waitForMessage } from './conversation-support.js'
import { ask } from './support/ask.js'
import type { ChatMessage, FakeUser } from './support/fakes.js'
import { type BotHarness, startBotHarness } from './support/harness.js'

vi.setConfig({ testTimeout: 60_000 })
const KEY = 'sk-voice-test-0123456789'

/** The bot's messages in the user's chat after message `after` (its id). */
function botMessagesAfter(h: BotHarness, user: FakeUser, after: number): ChatMessage[] {
  return h.chat(user.id).botMessages.filter((m) => m.messageId > after)
}

/** The message the bot's message `m` was sent as a reply to (its sendMessage's reply_parameters). */
function replyTarget(h: BotHarness, m: ChatMessage): number | undefined {
  const call = h.telegram.calls.find(
    (c) => c.ok && c.method === 'sendMessage' && c.params.text === m.text,
  )
  const raw = call?.params.reply_parameters
  // JSON over HTTP, or a string field of a multipart/form request.
  const target = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { message_id?: number }
  return target?.message_id
}

describe('with a transcriber configured', () => {
  let h: BotHarness
  let transcriber: FakeTranscriber
  beforeAll(async () => {
    transcriber = await startFakeTranscriber({ apiKey: KEY })
    h = await startBotHarness({
      allowedUsers: allowedRange(),
      env: {
        SWITCHBOARD_TRANSCRIBE_URL: transcriber.url,
        SWITCHBOARD_TRANSCRIBE_API_KEY: KEY,
        SWITCHBOARD_TRANSCRIBE_MODEL: 'whisper-large-v3',
      },
    })
  }, 60_000)
  afterAll(async () => {
    await h?.stop()
    await transcriber?.close()
  })

  test('a voice note is transcribed, the transcript shown as a reply to it and run as the prompt', async () => {
    const user = freshUser()
    const sent = h.telegram.userSendsVoice(user, {
      content: 'please add a test for sum',
      duration: 4,
    })
    const voiceId = sent.message?.message_id ?? 0
    const shown = await waitForMessage(h, user, (m) => m.text.startsWith('🎙'))
    expect(shown.text).toBe('🎙 please add a test for sum')
    expect(replyTarget(h, shown)).toBe(voiceId)
    await waitForMessage(h, user, (m) => m.text === 'echo: please add a test for sum')
    expect(h.anthropic.turnRequests().at(-1)?.prompt).toBe('please add a test for sum')
    // What the transcriber got: the configured model and key, the audio as an .ogg OpenAI accepts.
    const request = transcriber.requests.at(-1)
    expect(request).toMatchObject({
      authorization: `Bearer ${KEY}`,
      fields: { model: 'whisper-large-v3', response_format: 'json' },
      file: { type: 'audio/ogg', name: expect.stringMatching(/^voice-[\d-]+\.ogg$/) },
    })
    expect(request?.file?.bytes.toString()).toBe('please add a test for sum')
    // The key is redacted from the bot's log (its name ends in _KEY).
    expect(h.logs()).not.toContain(KEY)
    // The transcript came before the turn's own messages.
    const order = botMessagesAfter(h, user, voiceId).map((m) => m.text)
    expect(order.findIndex((t) => t.startsWith('🎙'))).toBeLessThan(
      order.indexOf('echo: please add a test for sum'),
    )
    expect(h.telegram.errors()).toEqual([])
  })

  test('/status says voice notes are transcribed, and with which model', async () => {
    const user = freshUser()
    await ask(h, '/new voiced', user)
    expect((await ask(h, '/status', user)).text).toContain('Voice: transcribed (whisper-large-v3)')
  })

  test('an audio file with a caption: the caption and the transcript make the prompt', async () => {
    const user = freshUser()
    h.telegram.userSendsAudio(
      user,
      { content: 'the meeting notes', name: 'memo.m4a', mimeType: 'audio/mp4' },
      'Summarize:',
    )
    await waitForMessage(h, user, (m) => m.text === '🎙 the meeting notes')
    await waitForMessage(h, user, (m) => m.text.startsWith('echo: Summarize:'))
    expect(h.anthropic.turnRequests().at(-1)?.prompt).toBe('Summarize:\n\nthe meeting notes')
    expect(transcriber.requests.at(-1)?.file?.name).toBe('memo.m4a')
    expect(h.telegram.errors()).toEqual([])
  })

  test('an album of audio files is one turn: the transcripts in order, each under its file name', async () => {
    const user = freshUser()
    const before = h.anthropic.turnRequests().length
    h.telegram.userSendsMediaGroup(
      user,
      [
        { audio: { content: 'first words', name: 'one.mp3' } },
        { audio: { content: 'second words', name: 'two.mp3' } },
        { audio: { content: 'third words', name: 'three.mp3' } },
      ],
      'Compare:',
    )
    await waitForMessage(h, user, (m) => m.text.startsWith('echo: Compare:'))
    const prompts = h.anthropic
      .turnRequests()
      .slice(before)
      .map((r) => r.prompt)
    expect(prompts).toEqual([
      'Compare:\n\nTranscript of one.mp3:\nfirst words\n\nTranscript of two.mp3:\nsecond words\n\nTranscript of three.mp3:\nthird words',
    ])
    const shown = h.chat(user.id).botMessages.filter((m) => m.text.startsWith('🎙'))
    expect(shown.map((m) => m.text)).toEqual(['🎙 first words', '🎙 second words', '🎙 third words'])
    expect(h.telegram.errors()).toEqual([])
  })

  test('a transcriber failure is reported, the audio kept, nothing sent to Claude; the session goes on', async () => {
    const user = freshUser()
    const before = h.anthropic.turnRequests().length
    transcriber.replyNext({
      status: 500,
      message: 'The server had an error while processing your request.',
    })
    const sent = h.telegram.userSendsVoice(user, { content: 'lost words' })
    const told = await waitForMessage(h, user, (m) => m.text.includes('could not be transcribed'))
    expect(told.text).toMatch(
      /^🎙 Your voice message could not be transcribed: the transcription API answered HTTP 500 \(The server had an error while processing your request\)\. Nothing was sent to Claude\. The audio is kept as (uploads\/voice-[\d-]+\.ogg) in the session’s directory \(\/get \1 sends it back\)\. Please send it again in a moment\.$/,
    )
    expect(replyTarget(h, told)).toBe(sent.message?.message_id)
    const kept = told.text.match(/uploads\/(voice-[\d-]+\.ogg)/)?.[1] ?? ''
    const files = await findFiles(h.dataDir, kept)
    expect(files).toHaveLength(1)
    expect(await readFile(files[0] ?? '', 'utf8')).toBe('lost words')
    expect(h.anthropic.turnRequests().length).toBe(before)
    // An empty transcript is a failure too.
    transcriber.replyNext({ text: '  ' })
    h.telegram.userSendsVoice(user, { content: 'silence' })
    await waitForMessage(h, user, (m) => m.text.includes('no speech was recognised'))
    expect(h.anthropic.turnRequests().length).toBe(before)
    h.send('typed instead', user)
    await waitForMessage(h, user, (m) => m.text === 'echo: typed instead')
    expect(h.telegram.errors()).toEqual([])
  })

  test('a voice note accepted before a crash is transcribed after the restart (not lost)', async () => {
    const user = freshUser()
    const requests = transcriber.requests.length
    transcriber.replyNext({ hang: true })
    h.telegram.userSendsVoice(user, { content: 'survive the restart' })
    // The bot is transcribing (the transcriber holds the request): kill it right there.
    await h.waitFor(() => transcriber.requests.length > requests, 30_000)
    await h.restart('SIGKILL')
    await waitForMessage(h, user, (m) => m.text === '🎙 survive the restart')
    await waitForMessage(h, user, (m) => m.text === 'echo: survive the restart')
    expect(
      h.anthropic.turnRequests().filter((r) => r.prompt === 'survive the restart'),
    ).toHaveLength(1)
    expect(h.telegram.errors()).toEqual([])
  })
})

describe('without a transcriber', () => {
  let h: BotHarness
  beforeAll(async () => {
    h = await startBotHarness({ allowedUsers: allowedRange() })
  }, 60_000)
  afterAll(() => h?.stop())

  test('a voice note gets one reply saying how to configure a transcriber; nothing reaches Claude', async () => {
    const user = freshUser()
    const before = h.anthropic.requests.length
    const sent = h.telegram.userSendsVoice(user, { content: 'unheard' })
    const reply = await waitForMessage(h, user, (m) => m.text.startsWith('🎙'))
    expect(reply.text).toContain('SWITCHBOARD_TRANSCRIBE_URL')
    expect(reply.text).toContain('SWITCHBOARD_TRANSCRIBE_API_KEY')
    expect(replyTarget(h, reply)).toBe(sent.message?.message_id)
    // A text message afterwards is answered, and is the only thing that reached Claude.
    h.send('hello after voice', user)
    await waitForMessage(h, user, (m) => m.text === 'echo: hello after voice')
    const prompts = h.anthropic
      .turnRequests()
      .slice(before)
      .map((r) => r.prompt)
    expect(prompts).not.toContain('unheard')
    expect(h.chat(user.id).botMessages.filter((m) => m.text.startsWith('🎙'))).toHaveLength(1)
    expect(h.telegram.errors()).toEqual([])
  })
})
