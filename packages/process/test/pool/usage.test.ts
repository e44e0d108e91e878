import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { toTurnResult } from '../../src/map-events.js'
import { CostBaseline, usageDelta } from '../../src/pool/usage.js'
import { ResultLineSchema } from '../../src/protocol/output-lines.js'
import type { TurnResult } from '../../src/turn-events.js'
import { makePoolFixture, type PoolFixture } from './support/pool-fixture.js'

function result(total: number | undefined, extra: Record<string, unknown> = {}): TurnResult {
  return toTurnResult(
    ResultLineSchema.parse({
      type: 'result',
      subtype: 'success',
      is_error: false,
      session_id: 'conv-1',
      total_cost_usd: total,
      usage: { input_tokens: 10.4, output_tokens: 2, cache_read_input_tokens: -1 },
      ...extra,
    }),
  )
}

describe('usage delta', () => {
  test('tokens are rounded, never negative; one turn', () => {
    expect(usageDelta(result(0.5), 0.25)).toEqual({
      turns: 1,
      inputTokens: 10,
      outputTokens: 2,
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      costUsd: 0.25,
    })
  })

  test('per-turn cost: the sum of model_usage_since_last_result costUSD when present', () => {
    const withModels = result(9, {
      model_usage_since_last_result: {
        a: { costUSD: 0.25, inputTokens: 1 },
        b: { costUSD: 0.5 },
      },
    })
    expect(withModels.turnCostUsd).toBe(0.75)
    expect(new CostBaseline().turnCost(withModels)).toBe(0.75)
    // A malformed map is ignored (the cumulative fallback applies), never fatal.
    expect(result(9, { model_usage_since_last_result: { a: { costUSD: 'x' } } }).turnCostUsd).toBe(
      undefined,
    )
  })

  test('fallback: delta of the cumulative total of the same conversation', () => {
    const baseline = new CostBaseline()
    expect(baseline.turnCost(result(0.25))).toBe(0.25) // first turn: the total as is
    expect(baseline.turnCost(result(0.75))).toBe(0.5)
    expect(baseline.turnCost(result(undefined))).toBe(0) // an interrupted turn may report none
    expect(baseline.turnCost(result(1))).toBe(0.25)
    const other = { ...result(0.125), claudeSessionId: 'conv-2' }
    expect(baseline.turnCost(other)).toBe(0.125) // a new conversation starts from zero
  })
})

describe('usage written to core', () => {
  let fx: PoolFixture
  beforeEach(async () => {
    fx = await makePoolFixture()
  })
  afterEach(async () => {
    await fx.close()
  })

  test('after each turn: claudeSessionId, tokens and the turn cost (not the cumulative total)', async () => {
    const pool = fx.pool()
    const ref = await fx.session()
    await pool.send(ref, 'COST 0.25').done
    const after1 = await fx.store.getById(ref.owner, ref.id)
    expect(after1.claudeSessionId).toMatch(/^[0-9a-f-]{36}$/)
    expect(after1.usage).toEqual({
      turns: 1,
      inputTokens: 3,
      outputTokens: 5,
      cacheReadInputTokens: 1,
      cacheCreationInputTokens: 2,
      costUsd: 0.25,
    })
    await pool.send(ref, 'COST 0.5').done
    expect((await fx.store.getById(ref.owner, ref.id)).usage).toMatchObject({
      turns: 2,
      costUsd: 0.75,
    })
    // The CLI's total goes on across --resume; the pool still adds only this turn's cost.
    await pool.suspend(ref)
    await pool.send(ref, 'COST 0.125').done
    expect((await fx.store.getById(ref.owner, ref.id)).usage).toMatchObject({
      turns: 3,
      costUsd: 0.875,
    })
  })

  test('a new pool (bot restart) resuming a conversation adds only the turn cost', async () => {
    const ref = await fx.session()
    const first = fx.pool()
    await first.send(ref, 'COST 0.25').done
    await first.shutdown()
    await fx.pool().send(ref, 'COST 0.5').done
    expect((await fx.store.getById(ref.owner, ref.id)).usage.costUsd).toBe(0.75)
  })

  test('a failing core write is logged; the turn still completes and the pool goes on', async () => {
    const errors: string[] = []
    const logger = {
      debug() {},
      info() {},
      warn() {},
      error: (_obj: object, msg?: string) => void errors.push(msg ?? ''),
    }
    const store = Object.create(fx.store) as typeof fx.store
    store.updateById = async () => {
      throw new Error('disk full')
    }
    const pool = fx.pool({ store, logger })
    const ref = await fx.session()
    expect((await pool.send(ref, 'one').done).text).toBe('echo: one')
    expect((await pool.send(ref, 'two').done).text).toBe('echo: two')
    expect(errors).toContain('could not update the session')
    expect((await fx.store.getById(ref.owner, ref.id)).usage.turns).toBe(0)
  })
})
