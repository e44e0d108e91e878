import { parseFormatted } from '@switchboard/test-utils'
import { describe, expect, it } from 'vitest'
import { renderLiveView } from './live-view.js'
import { renderMarkdown } from './markdown-to-html.js'
import { renderPartialMarkdown } from './partial-markdown.js'
import { visibleLength } from './plain-text.js'
import { REALISTIC_ANSWERS } from './testing/realistic-answers.js'
import { validateTelegramHtml } from './testing/telegram-html-validator.js'

/** What the fake Telegram does with a sendMessage/editMessageText text: throws its 400s. */
function telegramText(html: string): string {
  return parseFormatted({ text: html, parseMode: 'HTML' }).text
}

const view = (text: string, maxVisible: number) =>
  renderLiveView(
    {
      title: 'fix-sum',
      status: 'working…',
      runningTools: ['Bash: npm test'],
      toolsDone: 2,
      toolsFailed: 1,
      text,
    },
    maxVisible,
  )

describe('every prefix of a streamed answer is a message Telegram accepts', () => {
  // 3500: the live view's size; 400 and 120: small views, so the tail cut runs through every construct.
  it.each([3500, 400, 120])('live view of at most %i visible units', (maxVisible) => {
    let checked = 0
    for (const answer of REALISTIC_ANSWERS) {
      for (let end = 1; end <= answer.length; end++) {
        const prefix = answer.slice(0, end)
        const html = view(prefix, maxVisible)
        const context = `prefix ${JSON.stringify(prefix.slice(-60))} → ${html}`
        let text = ''
        expect(() => {
          text = telegramText(html)
        }, context).not.toThrow()
        expect(text.length, context).toBeGreaterThan(0)
        expect(text.length, context).toBeLessThanOrEqual(Math.min(maxVisible, 4096))
        expect(validateTelegramHtml(html, { limit: maxVisible }), context).toEqual([])
        checked++
      }
    }
    expect(checked).toBe(REALISTIC_ANSWERS.reduce((n, a) => n + a.length, 0))
  })

  it('never shows raw Markdown markup while it is being typed', () => {
    const raw: string[] = []
    for (const answer of REALISTIC_ANSWERS) {
      for (let end = 1; end <= answer.length; end++) {
        const text = telegramText(view(answer.slice(0, end), 3500))
        if (/\*\*|`|~~|\]\(|^\s*\||^#/m.test(text))
          raw.push(JSON.stringify(answer.slice(end - 40, end)))
      }
    }
    expect(raw).toEqual([])
  })

  it('shows no raw Markdown once a construct is complete, and a finished answer as its final render', () => {
    for (const answer of REALISTIC_ANSWERS) {
      expect(renderPartialMarkdown(answer, 4096)).toBe(renderMarkdown(answer))
      const html = renderPartialMarkdown(answer, 4096)
      expect(html).not.toMatch(/\*\*|\|---|```/)
    }
  })

  it('stays within the limit for long answers cut anywhere', () => {
    const long = REALISTIC_ANSWERS.join('\n\n').repeat(6)
    for (let end = 50; end <= long.length; end += 97) {
      const html = renderPartialMarkdown(long.slice(0, end), 1000)
      expect(visibleLength(html)).toBeLessThanOrEqual(1000)
      expect(() => telegramText(html)).not.toThrow()
      expect(validateTelegramHtml(html, { limit: 1000, requireText: false })).toEqual([])
    }
  })
})
