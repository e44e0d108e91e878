import { describe, expect, test } from 'vitest'
import type { LoggedTool } from '../render/turn-log.js'
import { DraftIds } from './draft-ids.js'
import { DraftRegistry } from './draft-registry.js'
import { LiveProgress, type LiveProgressOptions } from './live-progress.js'
import { eventually, makeOutbox, silentLogger } from './testing/fakes.js'

// What a turn's progress leaves behind: the log of its tools, as the edited progress message or (draft
// mode) a quiet message of its own; kept through keepLog.
const CHAT = 42

function setup(options: Partial<LiveProgressOptions> = {}) {
  const { api, outbox } = makeOutbox()
  const kept: { tools: LoggedTool[]; summary: string }[] = []
  const progress = new LiveProgress({
    outbox,
    chatId: CHAT,
    sessionName: 'main',
    cwd: '/work',
    mode: 'edit',
    isBackground: async () => false,
    logger: silentLogger,
    startDelayMs: 60_000,
    liveIntervalMs: 0,
    turn: { ref: { owner: '42', id: 's-main' }, turnId: 't1' },
    drafts: new DraftRegistry(),
    draftIds: new DraftIds(() => 0.5),
    keepLog: async (log) => {
      kept.push(log)
      return [[{ text: '📄 Full output', callback_data: 'x:0' }]]
    },
    ...options,
  })
  return { api, progress, kept }
}

/** The text of the last message sent or edited. */
function lastText(api: ReturnType<typeof makeOutbox>['api']): string {
  const calls = api.calls.filter(
    (c) => c.method === 'sendMessage' || c.method === 'editMessageText',
  )
  return String(calls.at(-1)?.payload.text)
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30))

function readEditFail(p: LiveProgress) {
  p.toolStarted('r', 'Read', { file_path: '/work/src/sum.js' })
  p.toolFinished('r', { isError: false, content: '1\tx' })
  p.toolStarted('b', 'Bash', { command: 'npm test' })
  p.toolFinished('b', { isError: true, content: 'Exit code 1\n> test\nnot ok 1\n1 failing' })
}

describe('the turn log a progress message becomes', () => {
  test('edit mode: the progress message is edited into the log, with the output’s button', async () => {
    const s = setup()
    readEditFail(s.progress)
    const live = await eventually(() =>
      s.api.calls.find((c) => String(c.payload.text).includes('✗ npm test — exit 1')),
    )
    expect(String(live.payload.text)).toContain('✓ Read src/sum.js')
    await s.progress.complete()
    const edit = s.api.callsOf('editMessageText').at(-1)
    expect(edit?.payload.text).toMatch(
      /^<b>main<\/b> · ✓ done — 2 tools, \d+ s\n✓ Read src\/sum.js\n✗ npm test — exit 1\n {3}│ &gt; test\n {3}│ not ok 1\n {3}│ 1 failing$/,
    )
    expect(edit?.payload.reply_markup).toEqual({
      inline_keyboard: [[{ text: '📄 Full output', callback_data: 'x:0' }]],
    })
    expect(s.kept[0]?.tools.map((t) => t.line)).toEqual(['Read src/sum.js', 'npm test — exit 1'])
    expect(s.kept[0]?.tools[1]?.output).toBe('> test\nnot ok 1\n1 failing')
  })

  test('a long log folds into an expandable quote', async () => {
    const s = setup()
    for (let i = 0; i < 8; i++) {
      s.progress.toolStarted(`r${i}`, 'Read', { file_path: `/work/f${i}.ts` })
      s.progress.toolFinished(`r${i}`, { isError: false, content: '' })
    }
    await s.progress.complete()
    // The message hadn't gone out yet: the log is a message of its own.
    const text = lastText(s.api)
    expect(text).toMatch(
      /^<b>main<\/b> · ✓ done — 8 tools, \d+ s\n<blockquote expandable>✓ Read f0.ts\n/,
    )
    expect(text.endsWith('✓ Read f7.ts</blockquote>')).toBe(true)
  })

  test('draft mode: the log goes out as a quiet message of its own (the draft vanishes)', async () => {
    const s = setup({ mode: 'draft' })
    await eventually(() => s.api.callsOf('sendMessageDraft')[0])
    readEditFail(s.progress)
    await s.progress.complete()
    const sent = s.api.callsOf('sendMessage')
    expect(sent).toHaveLength(1)
    expect(sent[0]?.payload).toMatchObject({
      chat_id: CHAT,
      disable_notification: true,
      parse_mode: 'HTML',
    })
    expect(String(sent[0]?.payload.text)).toContain('✗ npm test — exit 1')
  })

  test('no tools, no log: a quick answer leaves nothing behind', async () => {
    const s = setup({ startDelayMs: 0 })
    s.progress.appendText('hi')
    await eventually(() => s.api.callsOf('sendMessage')[0])
    await s.progress.complete()
    await settle()
    expect(s.api.calls.at(-1)?.method).toBe('deleteMessage')
    expect(s.kept).toEqual([])
  })

  test('a failed turn that showed only tools ends as the log marked failed, without the error', async () => {
    const s = setup()
    readEditFail(s.progress)
    await eventually(() => s.api.callsOf('sendMessage')[0])
    await s.progress.fail('failed')
    const text = String(s.api.callsOf('editMessageText').at(-1)?.payload.text)
    expect(text).toMatch(/^<b>main<\/b> · ✗ failed — 2 tools, \d+ s\n/)
  })

  test('an edit a remembered rule allowed shows in the log with its diff', async () => {
    const s = setup()
    const input = { file_path: '/work/sum.js', old_string: 'a - b', new_string: 'a + b' }
    // The rule's decision can come before the call's tool_use: it waits for it.
    s.progress.allowedByRule('e', input)
    s.progress.toolStarted('e', 'Edit', input)
    s.progress.toolFinished('e', {
      isError: false,
      content: 'The file /work/sum.js has been updated successfully.',
      toolUseResult: { structuredPatch: [{ lines: ['-a - b', '+a + b'] }] },
    })
    await s.progress.complete()
    const text = lastText(s.api)
    expect(text).toContain('✓ Edit sum.js (+1 −1) · allowed by your rule\n   - a - b\n   + a + b')
  })
})
