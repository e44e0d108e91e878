import { describe, expect, it } from 'vitest'
import { renderMarkdown } from './markdown-to-html.js'
import { renderPartialMarkdown } from './partial-markdown.js'

const render = (md: string) => renderPartialMarkdown(md, 3500)

describe('renderPartialMarkdown', () => {
  it.each([
    ['**Fixed', '<b>Fixed</b>'],
    ['**Fixed** — `sum(', '<b>Fixed</b> — <code>sum(</code>'],
    ['**Fixed*', '<b>Fixed</b>'],
    ['a **b ', 'a <b>b</b>'],
    ['see _this', 'see <i>this</i>'],
    ['~~old', '<s>old</s>'],
    ['snake_case_name', 'snake_case_name'],
    ['2 * 3 = 6', '2 * 3 = 6'],
    ['text **', 'text'],
    ['text `', 'text'],
    ['- **a**\n- **b', '• <b>a</b>\n• <b>b</b>'],
    ['```ts\nconst a = 1 <', '<pre><code class="language-ts">const a = 1 &lt;</code></pre>'],
    ['```ts\nconst a = 1\n``', '<pre><code class="language-ts">const a = 1</code></pre>'],
    ['```ts\n**not bold', '<pre><code class="language-ts">**not bold</code></pre>'],
    ['Plain line\n-', 'Plain line'],
    ['Plain line\n---', 'Plain line'],
    ['Steps:\n\n1.', 'Steps:'],
    ['See [the docs](https://nodejs.org/api/te', 'See the docs'],
    ['See [the **docs', 'See the <b>docs</b>'],
    ['See [docs](https://e.com) now', 'See <a href="https://e.com">docs</a> now'],
    ['- [ ] todo', '☐ todo'],
    ['code `a[0](', 'code <code>a[0](</code>'],
  ])('%j → %j', (md, html) => {
    expect(render(md)).toBe(html)
  })

  it('shows a table once its delimiter row is complete, then row by row, as the final grid', () => {
    const table = '| file | change |\n|------|--------|\n| sum.js | fixed |\n'
    expect(render('Changes:\n\n| file | change |')).toBe('Changes:')
    expect(render('Changes:\n\n| file | change |\n|---')).toBe('Changes:')
    expect(render(`Changes:\n\n${table}| b.js | fi`)).toBe(renderMarkdown(`Changes:\n\n${table}`))
    expect(render(`Changes:\n\n${table}`)).toBe(renderMarkdown(`Changes:\n\n${table}`))
  })

  it('keeps the tail within the limit, re-opening the code block it cut into', () => {
    const code = Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n')
    const html = renderPartialMarkdown(`Intro\n\n\`\`\`js\n${code}`, 300)
    expect(html.startsWith('…\n<pre><code class="language-js">')).toBe(true)
    expect(html.endsWith('line 199</code></pre>')).toBe(true)
  })
})
