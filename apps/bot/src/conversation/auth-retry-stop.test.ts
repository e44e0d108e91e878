import { ProcessError, type TurnEvent } from '@switchboard/process'
import { expect, test, vi } from 'vitest'
import { AUTH_FAILED_CODE, stopOnAuthRetry } from './auth-retry-stop.js'
import { resultEvent, scriptedTurn } from './testing/fakes.js'

const retry = (status: number, attempt: number): TurnEvent => ({
  type: 'api_retry',
  attempt,
  maxRetries: 10,
  retryDelayMs: 500,
  error: 'authentication_failed',
  errorStatus: status,
})

async function events(turn: AsyncIterable<TurnEvent>): Promise<TurnEvent[]> {
  const seen: TurnEvent[] = []
  for await (const event of turn) seen.push(event)
  return seen
}

test('the first 401 retry stops the turn once; its interrupted result reads as the 401', async () => {
  const stop = vi.fn()
  const interrupted = resultEvent({
    subtype: 'error_during_execution',
    isError: true,
    text: undefined,
  })
  const turn = stopOnAuthRetry(scriptedTurn([retry(401, 1), retry(401, 2), interrupted]), stop)
  const seen = await events(turn)
  expect(stop).toHaveBeenCalledTimes(1)
  expect(seen).toEqual([{ ...interrupted, apiErrorStatus: 401 }]) // no "retrying" reaches the view
  expect(turn.stopRequested).toBe(false) // not the user's stop
})

test('overloads and rate limits pass through and keep retrying', async () => {
  const stop = vi.fn()
  const ok = resultEvent()
  const seen = await events(stopOnAuthRetry(scriptedTurn([retry(529, 1), retry(429, 2), ok]), stop))
  expect(stop).not.toHaveBeenCalled()
  expect(seen).toEqual([retry(529, 1), retry(429, 2), ok])
})

test('a process killed after an auth retry fails as the auth error, other failures pass', async () => {
  const killed = new ProcessError('TURN_STOPPED', 'killed')
  await expect(
    events(stopOnAuthRetry(scriptedTurn([retry(403, 1)], killed), () => {})),
  ).rejects.toMatchObject({ code: AUTH_FAILED_CODE, status: 403 })
  await expect(events(stopOnAuthRetry(scriptedTurn([], killed), () => {}))).rejects.toBe(killed)
})

test('with a login, one auth retry runs (the CLI refreshes its token); the next is stopped', async () => {
  const stop = vi.fn()
  const ok = resultEvent()
  const once = await events(stopOnAuthRetry(scriptedTurn([retry(401, 1), ok]), stop, 1))
  expect(once).toEqual([retry(401, 1), ok])
  expect(stop).not.toHaveBeenCalled()
  await events(stopOnAuthRetry(scriptedTurn([retry(401, 1), retry(401, 2), ok]), stop, 1))
  expect(stop).toHaveBeenCalledTimes(1)
})
