import { EMPTY_USAGE, type SessionUsage } from '@switchboard/core'
import { escapeHtml } from '../render/html-escape.js'
import type { Command } from './command.js'
import { compactNumber, formatUsd } from './format/usage.js'

const SHOWN = 25

function tokens(usage: SessionUsage): string {
  const input = usage.inputTokens + usage.cacheReadInputTokens + usage.cacheCreationInputTokens
  return `${compactNumber(input)} in / ${compactNumber(usage.outputTokens)} out`
}

export const costCommand: Command = {
  name: 'cost',
  description: 'Tokens and USD per session, and the total',
  usage: '/cost',
  async run(c) {
    const { sessions } = await c.deps.sessions.list({ owner: c.owner })
    if (sessions.length === 0) return c.reply('No sessions yet, so nothing spent.')
    const total = sessions.reduce<SessionUsage>(
      (sum, s) => ({
        turns: sum.turns + s.usage.turns,
        inputTokens: sum.inputTokens + s.usage.inputTokens,
        outputTokens: sum.outputTokens + s.usage.outputTokens,
        cacheReadInputTokens: sum.cacheReadInputTokens + s.usage.cacheReadInputTokens,
        cacheCreationInputTokens: sum.cacheCreationInputTokens + s.usage.cacheCreationInputTokens,
        costUsd: sum.costUsd + s.usage.costUsd,
      }),
      { ...EMPTY_USAGE },
    )
    const byCost = [...sessions].sort((a, b) => b.usage.costUsd - a.usage.costUsd)
    const lines = byCost
      .slice(0, SHOWN)
      .map(
        (s) =>
          `• <b>${escapeHtml(s.name)}</b>: ${formatUsd(s.usage.costUsd)} · ${tokens(s.usage)} tokens · ${s.usage.turns} turns`,
      )
    if (byCost.length > SHOWN) lines.push(`…and ${byCost.length - SHOWN} more`)
    c.reply(
      [
        '<b>Usage</b>',
        ...lines,
        '',
        `<b>Total</b>: ${formatUsd(total.costUsd)} · ${tokens(total)} tokens · ${total.turns} turns`,
      ].join('\n'),
    )
  },
}
