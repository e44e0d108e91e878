import { expect, test } from 'vitest'
import type { LoggedTool } from './turn-log.js'
import { liveLogLines, renderOutputs, renderTurnLog, turnLogText } from './turn-log-html.js'

const bash = (line: string, output: string): LoggedTool => ({
  name: 'Bash',
  line,
  state: 'failed',
  tail: output.split('\n').slice(-1),
  output,
})
const read = (n: number): LoggedTool => ({
  name: 'Read',
  line: `Read f${n}.ts`,
  state: 'done',
  tail: [],
})

test('outputs fit a message as <pre> blocks, escaped; too long ones are left to a file', () => {
  const tools = [read(1), bash('npm test — exit 1', 'expected <b> & got 1\n1 failing')]
  expect(renderOutputs(tools)).toBe(
    '✗ npm test — exit 1\n<pre>expected &lt;b&gt; &amp; got 1\n1 failing</pre>',
  )
  expect(renderOutputs([bash('big — exit 1', 'y'.repeat(5000))])).toBeUndefined()
  expect(turnLogText({ title: 'main', summary: '✓ done', tools })).toContain(
    '✗ npm test — exit 1\n    expected <b> & got 1\n    1 failing',
  )
})

test('the permanent log stays under Telegram’s limit, pointing at /log for the rest', () => {
  const tools = Array.from({ length: 400 }, (_, i) => read(i))
  const html = renderTurnLog({ title: 'main', summary: '✓ done — 400 tools, 9 s', tools })
  expect(html.length).toBeLessThan(4096)
  expect(html).toMatch(/… \d+ more lines: \/log shows them all<\/blockquote>$/)
})

test('the live view shows the newest lines, older ones counted', () => {
  const tools = [read(1), read(2), read(3), { ...read(4), state: 'running' as const }]
  expect(liveLogLines(tools, 2)).toEqual(['✓ 1 earlier', '✓ Read f2.ts', '✓ Read f3.ts'])
})
