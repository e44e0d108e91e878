import { StorageError } from '@switchboard/core'
import { expect, test } from 'vitest'
import { UploadDownloadError } from '../files/uploads.js'
import { notRunText, PoolRefusedError } from './not-run.js'

test('an unexpected error reaches the chat as a generic line, never its raw message', () => {
  const errno = Object.assign(new Error("EIO: i/o error, open '/data/sessions/42/x/uploads/a'"), {
    errno: -5,
  })
  const json = new Error('[{"code":"invalid_type","path":["id"]}]')
  for (const error of [errno, json, new PoolRefusedError(errno), 'a string']) {
    const text = notRunText(error)
    expect(text).toContain('Your message was not run')
    expect(text).not.toMatch(/EIO|\/data|invalid_type|\{/)
  }
})

test('coded errors keep their description; a typed error’s own text is escaped for HTML', () => {
  const full = new StorageError('DISK_FULL', '/data/sessions/42/x/inbox/a.json', 'ENOSPC', 'write')
  expect(notRunText(new PoolRefusedError(full))).toContain('disk is full')
  expect(notRunText(new UploadDownloadError('x', 'a<b>.pdf'))).toContain('a&lt;b&gt;.pdf')
})

test('a failed download says what happened with the log reference; the reason stays in the log', () => {
  const error = new UploadDownloadError('fetch failed for bot123:abc', 'report.pdf')
  expect(notRunText(error, 'abc123')).toBe(
    'Telegram didn’t let me download report.pdf (ref abc123); please send it again.',
  )
  expect(error.message).toBe('fetch failed for bot<token>') // the token never reaches the log
})

test('the generic lines name the log reference', () => {
  expect(notRunText(new Error('boom'), 'abc123')).toBe(
    'Something went wrong (ref abc123). Your message was not run; please send it again.',
  )
  expect(notRunText(new PoolRefusedError(new Error('x')), 'abc123')).toContain(
    '(the bot’s log says why: ref abc123)',
  )
})
