/**
 * How a plan awaiting approval (Claude's ExitPlanMode request) looks in Telegram: the plan itself goes
 * out first as a rendered answer (see permissions/plan-delivery.ts); this is the short message under
 * it with the three choices, and the line it is edited to once decided.
 */

import { escapeHtml } from './html-escape.js'
import { quoteHtml, truncateEnd } from './truncate.js'

/** Approve and let Claude edit without asking, approve with prompts as usual, or keep planning. */
export type PlanChoice = 'auto' | 'ask' | 'keep'

/** What settled the plan: a button, or text the user typed while it was open (feedback). */
export type PlanAnswer = { kind: 'choice'; choice: PlanChoice } | { kind: 'typed'; text: string }

export const PLAN_CHOICES: readonly PlanChoice[] = ['auto', 'ask', 'keep']

export const PLAN_BUTTON: Record<PlanChoice, string> = {
  auto: '✅ Approve, auto-accept edits',
  ask: '✅ Approve, ask before edits',
  keep: '✏️ Keep planning',
}

export const PLAN_TOAST: Record<PlanChoice, string> = {
  auto: 'Approved: Claude edits without asking',
  ask: 'Approved: Claude asks before edits',
  keep: 'Claude keeps planning',
}

export interface PlanPromptView {
  /** The message while it waits: what is asked, and how to answer. */
  asking: string
  /** The same without the hint, for the settled message. */
  body: string
}

/**
 * The message under the plan. `shown`: the plan went out just above (false: the CLI sent no plan,
 * because Claude wrote no plan file, and the message says so; the same choices are offered).
 */
export function planPromptHtml(
  label: string | undefined,
  shown: boolean,
  planFilePath: string | undefined,
): PlanPromptView {
  const head = label ? `<b>${escapeHtml(label)}</b> ` : ''
  const lines = shown
    ? [`${head}📋 <b>Claude’s plan is ready</b> (above). Start on it?`]
    : [
        `${head}📋 <b>Claude wants to leave plan mode and start working</b>, but there is no plan to show: it wrote no plan file.`,
      ]
  if (planFilePath) lines.push(`Plan file: <code>${quoteHtml(planFilePath, 300)}</code>`)
  const body = lines.join('\n')
  const hint =
    'Approve to let Claude start, or type what to change: Claude keeps planning with your words.'
  return { asking: `${body}\n\n<i>${hint}</i>`, body }
}

/** The line the message ends with once the plan is settled. */
export function planAnswerLine(answer: PlanAnswer): string {
  if (answer.kind === 'typed')
    return `✏️ <b>Claude keeps planning</b> with your feedback: <i>${escapeHtml(truncateEnd(answer.text, 500))}</i>`
  switch (answer.choice) {
    case 'auto':
      return '✅ <b>Approved</b>: Claude edits files without asking (mode acceptEdits).'
    case 'ask':
      return '✅ <b>Approved</b>: Claude asks before each edit (mode default).'
    case 'keep':
      return '✏️ <b>Claude keeps planning</b> (still in plan mode).'
  }
}
