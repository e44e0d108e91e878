/**
 * Whether a tool call ran because of a remembered "Always" rule. Once a rule is given to Claude Code it
 * stops asking for what the rule covers, so no permission request comes for such a call: the call is
 * checked against the session's rules (the same narrow rules the bot handed over, matched the same
 * way) so the turn log can still say so and show an edit's diff.
 */

import { classifyRule, ruleCovers, type SessionRef } from '@switchboard/process'
import type { Logger } from '../logging/logger.js'

const RULES_WAIT_MS = 1000

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}

export type AllowRulesOf = (ref: SessionRef) => Promise<string[]>

/** Resolves true when one of `ref`'s rules covers `toolName` with `input`; false on any doubt. */
export async function allowedByRule(
  rulesOf: AllowRulesOf | undefined,
  ref: SessionRef,
  toolName: string,
  input: Record<string, unknown>,
  logger: Logger,
): Promise<boolean> {
  if (!rulesOf) return false
  try {
    // The turn's log waits for this: a store that doesn't answer soon counts as no rule.
    const rules = await Promise.race([rulesOf(ref), delay(RULES_WAIT_MS).then(() => [])])
    return rules.some((text) => {
      const rule = classifyRule(text)
      return rule !== undefined && ruleCovers(rule, { toolName, input })
    })
  } catch (error) {
    logger.debug({ err: error, sessionId: ref.id }, 'could not read the session’s rules')
    return false
  }
}
