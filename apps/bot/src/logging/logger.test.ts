import { expect, test } from 'vitest'
import { createLogger } from './logger.js'

test('the bot token never reaches a log line, wherever it hides', () => {
  const lines: string[] = []
  const token = '123456789:AAEsecretsecretsecretsecret'
  const logger = createLogger({
    level: 'debug',
    secrets: [token],
    destination: { write: (line: string) => void lines.push(line) },
  })
  const networkError = new Error(
    `request to https://api.telegram.org/bot${token}/getUpdates failed`,
  )
  logger.error({ err: networkError, url: `/bot${token}/x` }, `failed with ${token}`)
  expect(lines).toHaveLength(1)
  expect(lines[0]).not.toContain(token)
  expect(lines[0]).not.toContain('AAEsecret')
  expect(lines[0]).toContain('[redacted]')
  expect(JSON.parse(lines[0] ?? '')).toMatchObject({ level: 50 })
})
