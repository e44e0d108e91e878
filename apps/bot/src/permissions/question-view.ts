/** How an AskUserQuestion question looks in Telegram: HTML text and its inline keyboard. */

import type { InlineButton } from '../conversation/telegram-calls.js'
import { escapeHtml } from '../render/html-escape.js'
import { truncateEnd } from '../render/truncate.js'
import type { AskedQuestion } from './ask-user-question-input.js'

export interface QuestionHtml {
  /** Question, options and the hint on how to answer. */
  asking: string
  /** Question and options only. */
  body: string
  /** The closing line once answered. */
  answered: (answer: string) => string
}

export function questionHtml(
  label: string | undefined,
  question: AskedQuestion,
  position: string | undefined,
): QuestionHtml {
  const head = [
    label ? `<b>${escapeHtml(label)}</b> ` : '',
    '❓ ',
    question.header ? `<b>${escapeHtml(truncateEnd(question.header, 60))}</b> ` : '',
    position ? `(${position})` : '',
  ].join('')
  const options = question.options.map((option) => {
    const description = option.description
      ? ` — ${escapeHtml(truncateEnd(option.description, 300))}`
      : ''
    return `• <b>${escapeHtml(truncateEnd(option.label, 100))}</b>${description}`
  })
  const body = `${head.trim()}\n${escapeHtml(truncateEnd(question.question, 1000))}\n\n${options.join('\n')}`
  const hint = question.multiSelect
    ? 'Tap the options you want, then Done — or type your own answer.'
    : 'Tap an option, or type your own answer.'
  return {
    asking: `${body}\n\n<i>${hint}</i>`,
    body,
    answered: (answer) => `➡️ <b>${escapeHtml(truncateEnd(answer, 500))}</b>`,
  }
}

/** One button per option (multi-select: ☐/☑ toggles and a Done row), with the given callback data. */
export function questionButtons(
  question: AskedQuestion,
  selected: ReadonlySet<number>,
  data: readonly string[],
): InlineButton[][] {
  const rows = question.options.map((option, i) => {
    const mark = question.multiSelect ? (selected.has(i) ? '☑ ' : '☐ ') : ''
    return [{ text: mark + truncateEnd(option.label, 60), callback_data: data[i] ?? '' }]
  })
  if (question.multiSelect) {
    const done = data[question.options.length] ?? ''
    rows.push([
      { text: selected.size > 0 ? `Done (${selected.size})` : 'Done', callback_data: done },
    ])
  }
  return rows
}
