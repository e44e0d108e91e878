import { expect, test } from 'vitest'
import { planAnswerLine, planPromptHtml } from './plan-message.js'
import { validateTelegramHtml } from './testing/telegram-html-validator.js'

test('the choices message: label, what is asked, the plan file; valid Telegram HTML', () => {
  const view = planPromptHtml('[bg]', true, '/h/.claude/plans/a<b>.md')
  expect(view.asking).toMatch(/^<b>\[bg\]<\/b> 📋 <b>Claude’s plan is ready<\/b>/)
  expect(view.asking).toContain('<code>/h/.claude/plans/a&lt;b&gt;.md</code>')
  expect(view.asking).toContain('type what to change')
  expect(view.body).not.toContain('type what to change')
  for (const html of [view.asking, planPromptHtml(undefined, false, undefined).asking])
    expect(validateTelegramHtml(html)).toEqual([])
})

test('the settled line names the choice, or quotes the feedback escaped', () => {
  expect(planAnswerLine({ kind: 'choice', choice: 'auto' })).toContain('acceptEdits')
  expect(planAnswerLine({ kind: 'choice', choice: 'keep' })).toContain('keeps planning')
  expect(planAnswerLine({ kind: 'typed', text: 'use <b> tags' })).toContain('use &lt;b&gt; tags')
})
