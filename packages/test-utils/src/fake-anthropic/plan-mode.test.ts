import { expect, test } from 'vitest'
import { planFilePath, writePlan } from './plan-mode.js'
import type { RecordedRequest } from './types.js'

// The wording of CLI 2.1.330's plan-mode reminder.
const request = (reminder: string) =>
  ({ messages: [{ role: 'user', content: [{ type: 'text', text: reminder }] }] }) as RecordedRequest

test('the plan file the CLI names, new or existing; a Write to it', () => {
  const fresh = request(
    'No plan file exists yet. You should create your plan at /h/.claude/plans/a-b.md using the Write tool.',
  )
  expect(planFilePath(fresh)).toBe('/h/.claude/plans/a-b.md')
  expect(
    planFilePath(
      request('A plan file exists at /h/.claude/plans/c.md from your previous planning session.'),
    ),
  ).toBe('/h/.claude/plans/c.md')
  expect(writePlan('# p')(fresh)).toEqual({
    kind: 'tool_use',
    name: 'Write',
    input: { file_path: '/h/.claude/plans/a-b.md', content: '# p' },
  })
  expect(writePlan('# p')(request('no plan mode here'))).toMatchObject({ kind: 'text' })
})
