import { CompactBoundarySchema, type Turn, type TurnEvent } from '@switchboard/process'
import { escapeHtml } from '../render/html-escape.js'
import { quoteHtml } from '../render/truncate.js'
import { deskRefusalText } from '../sessions/desk-open.js'
import { NO_HOLD, phoneTurnMarksOf } from '../sessions/phone-turn-marks.js'
import { refOf } from '../sessions/session-ref.js'
import { activeOrExplain } from './active.js'
import type { Command, CommandContext } from './command.js'
import { compactNumber } from './format/usage.js'

/** What the CLI's `compact_boundary` says: tokens before and (when given) after. */
interface Compaction {
  preTokens: number
  postTokens: number | undefined
}

function compactionOf(event: TurnEvent): Compaction | undefined {
  if (event.type !== 'unknown') return undefined
  const parsed = CompactBoundarySchema.safeParse(event.raw)
  if (!parsed.success) return undefined
  const { pre_tokens, post_tokens } = parsed.data.compact_metadata
  return { preTokens: pre_tokens, postTokens: post_tokens }
}

function freedText(c: Compaction): string {
  if (c.postTokens === undefined)
    return `The conversation had ${compactNumber(c.preTokens)} tokens.`
  const freed = Math.max(0, c.preTokens - c.postTokens)
  return `${compactNumber(c.preTokens)} → ${compactNumber(c.postTokens)} tokens: ${compactNumber(freed)} freed.`
}

async function reportCompaction(
  c: CommandContext,
  sessionId: string,
  name: string,
  turn: Turn,
): Promise<void> {
  let compaction: Compaction | undefined
  // The CLI says why it compacted nothing ("Error: No messages to compact") as text, not in the result.
  const said: string[] = []
  try {
    for await (const event of turn) {
      compaction ??= compactionOf(event)
      if (event.type === 'text') said.push(event.text)
    }
    const result = await turn.done
    if (compaction) c.reply(`Compacted <b>${name}</b>. ${freedText(compaction)}`)
    else {
      const text = (said.join(' ').trim() || result.text?.trim() || '').replace(/^Error:\s*/, '')
      const why = text === '' ? '.' : `: ${quoteHtml(text, 300)}`
      c.reply(`Nothing was compacted in <b>${name}</b>${why}`)
    }
  } catch (error) {
    c.deps.logger.warn({ err: error, sessionId }, 'compact failed')
    c.reply(
      `Could not compact <b>${name}</b>: its Claude Code process failed. /status shows it; try again.`,
    )
  }
}

/**
 * Claude Code's /compact: the session's conversation is summarised by the CLI (optional instructions
 * passed on); the reply says that it runs and what it freed (the CLI's `compact_boundary`).
 */
export const compactCommand: Command = {
  name: 'compact',
  description: 'Summarise the conversation to free context (optional instructions)',
  usage: '/compact [instructions]',
  example: '/compact keep the API decisions',
  async run(c) {
    const active = await activeOrExplain(c)
    if (!active) return
    // A turn like any other: marked busy on the phone (the desk waits), or refused while open there.
    const ref = refOf(active)
    const taken = await phoneTurnMarksOf(c.deps)
      .take(ref)
      .catch((error: unknown) => {
        c.deps.logger.warn({ err: error, sessionId: active.id }, 'phone-turn lease: could not take')
        return { hold: NO_HOLD }
      })
    if ('desk' in taken) {
      c.reply(deskRefusalText(active, taken.desk, '/compact'))
      return
    }
    const name = escapeHtml(active.name)
    const prompt = c.argText === '' ? '/compact' : `/compact ${c.argText}`
    c.reply(`Compacting the conversation of <b>${name}</b>…`)
    let turn: Turn
    try {
      turn = c.deps.pool.send(ref, prompt)
    } catch (error) {
      taken.hold.release()
      throw error
    }
    void turn.done.catch(() => {}).finally(() => taken.hold.release())
    // Not awaited: the handler returns at once (polling goes on) while the CLI compacts.
    void reportCompaction(c, active.id, name, turn)
  },
}
