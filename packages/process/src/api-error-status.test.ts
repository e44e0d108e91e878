import { expect, test } from 'vitest'
import { toTurnResult } from './map-events.js'
import { ResultLineSchema } from './protocol/output-lines.js'

// As Claude Code 2.1.330 ends a turn on a 401 (trimmed): `subtype: success`, `is_error`, the status.
const authFailure = {
  type: 'result',
  subtype: 'success',
  is_error: true,
  result: 'Invalid API key · Fix external API key',
  session_id: 's-1',
  api_error_status: 401,
  api_error_type: 'authentication_error',
}

test('the API error status of a result reaches TurnResult; null or absent means none', () => {
  expect(toTurnResult(ResultLineSchema.parse(authFailure)).apiErrorStatus).toBe(401)
  const ok = { ...authFailure, is_error: false, api_error_status: null }
  expect(toTurnResult(ResultLineSchema.parse(ok)).apiErrorStatus).toBeUndefined()
  const { api_error_status: _, ...older } = authFailure
  expect(toTurnResult(ResultLineSchema.parse(older)).apiErrorStatus).toBeUndefined()
})
