import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { callApi } from './call-api.js'
import { type FakeTelegram, startFakeTelegram } from './fake-telegram.js'

const erin = { id: 5005 }
let fake: FakeTelegram

beforeEach(async () => {
  fake = await startFakeTelegram()
})
afterEach(() => fake.close())

describe('files sent by users', () => {
  it('serves a document through getFile and the /file/ URL', async () => {
    const update = fake.userSendsDocument(
      erin,
      { name: 'notes.txt', content: 'hello', mimeType: 'text/plain' },
      'read',
    )
    const fileId = update.message?.document?.file_id
    expect(update.message).toMatchObject({
      caption: 'read',
      document: { file_name: 'notes.txt', file_size: 5 },
    })
    const { body } = await callApi<{ file_path: string }>(fake, 'getFile', { file_id: fileId })
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${body.result?.file_path}`)
    expect(await res.text()).toBe('hello')
  })

  it('serves photos and 404s unknown paths', async () => {
    const update = fake.userSendsPhoto(erin, Buffer.from([1, 2, 3]))
    const fileId = update.message?.photo?.[0]?.file_id
    const { body } = await callApi<{ file_path: string }>(fake, 'getFile', { file_id: fileId })
    expect(body.result?.file_path).toMatch(/^photos\//)
    const missing = await fetch(`${fake.apiRoot}/file/bot${fake.token}/documents/nope`)
    expect(missing.status).toBe(404)
  })

  it('sends an album as one update per item sharing a media_group_id, captioned once', async () => {
    const updates = fake.userSendsMediaGroup(
      erin,
      [{ name: 'a.txt', content: 'aaa' }, { photo: Buffer.from([9, 9]) }],
      'both',
    )
    const [first, second] = updates.map((u) => u.message)
    expect(first?.media_group_id).toBeDefined()
    expect(second?.media_group_id).toBe(first?.media_group_id)
    expect(first).toMatchObject({ caption: 'both', document: { file_name: 'a.txt' } })
    expect(second?.caption).toBeUndefined()
    const fileId = second?.photo?.[0]?.file_id
    const { body } = await callApi<{ file_path: string }>(fake, 'getFile', { file_id: fileId })
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${body.result?.file_path}`)
    expect([...new Uint8Array(await res.arrayBuffer())]).toEqual([9, 9])
    expect(() => fake.userSendsMediaGroup(erin, [{ photo: Buffer.from([1]) }])).toThrow(/2 to 10/)
  })

  it('refuses getFile over 20 MB and unknown ids', async () => {
    const big = fake.userSendsDocument(erin, {
      name: 'big.bin',
      content: Buffer.alloc(20 * 1024 * 1024 + 1),
    })
    const tooBig = await callApi(fake, 'getFile', { file_id: big.message?.document?.file_id })
    expect(tooBig.body.description).toBe('Bad Request: file is too big')
    expect((await callApi(fake, 'getFile', { file_id: 'nope' })).body.description).toBe(
      'Bad Request: invalid file_id',
    )
  })
})

describe('files sent by the bot', () => {
  it('stores a multipart document upload with its caption', async () => {
    fake.userSends(erin, 'send me the log')
    const form = new FormData()
    form.set('chat_id', String(erin.id))
    form.set('caption', '<b>log</b>')
    form.set('parse_mode', 'HTML')
    form.set('document', new Blob(['line 1\n'], { type: 'text/plain' }), 'turn.log')
    const { body } = await callApi(fake, 'sendDocument', form)
    expect(body.ok).toBe(true)
    const message = fake.chat(erin.id).lastBotMessage
    expect(message?.document?.name).toBe('turn.log')
    expect(message?.document?.bytes.toString()).toBe('line 1\n')
    expect(message?.html).toBe('<b>log</b>')
  })

  it('rejects captions over 1024 characters and empty files', async () => {
    fake.userSends(erin, 'hi')
    const form = (content: string, caption: string) => {
      const f = new FormData()
      f.set('chat_id', String(erin.id))
      f.set('caption', caption)
      f.set('document', new Blob([content]), 'a.txt')
      return f
    }
    const long = await callApi(fake, 'sendDocument', form('x', 'c'.repeat(1025)))
    expect(long.body.description).toBe('Bad Request: message caption is too long')
    const empty = await callApi(fake, 'sendDocument', form('', 'ok'))
    expect(empty.body.description).toBe('Bad Request: file must be non-empty')
  })

  it('answers 413 for uploads over 50 MB', async () => {
    fake.userSends(erin, 'hi')
    const form = new FormData()
    form.set('chat_id', String(erin.id))
    form.set('document', new Blob([new Uint8Array(50 * 1024 * 1024 + 1)]), 'huge.bin')
    const { status, body } = await callApi(fake, 'sendDocument', form)
    expect(status).toBe(413)
    expect(body.description).toBe('Request Entity Too Large')
  })
})
