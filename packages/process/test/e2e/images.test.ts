import { fileURLToPath } from 'node:url'
import {
  claudeEnv,
  type FakeAnthropicApi,
  makeTempDir,
  startFakeAnthropicApi,
} from '@switchboard/test-utils'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { buildArgs } from '../../src/build-args.js'
import { buildChildEnv } from '../../src/child-env.js'
import { ClaudeProcess } from '../../src/claude-process.js'

// An image prompt through the real CLI: the image block reaches the model's request as we sent it.
const CLAUDE = fileURLToPath(new URL('../../node_modules/.bin/claude', import.meta.url))
const PNG_1PX =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=='

let api: FakeAnthropicApi
let home: Awaited<ReturnType<typeof makeTempDir>>
let proc: ClaudeProcess

beforeAll(async () => {
  api = await startFakeAnthropicApi()
  home = await makeTempDir('process-e2e-images')
  proc = new ClaudeProcess({
    cwd: home.path,
    args: buildArgs(
      { claudeSessionId: null },
      { name: 'e', description: 'e', systemPrompt: '', settings: {} },
    ),
    env: buildChildEnv(claudeEnv({ apiUrl: api.url, home: home.path })),
    claudePath: CLAUDE,
  })
  await proc.start()
}, 30_000)
afterAll(async () => {
  await proc?.stop()
  await api.close()
  await home.cleanup()
})

test('an image prompt reaches the model as an image block next to the text', {
  timeout: 30_000,
}, async () => {
  const turn = proc.send({
    text: 'What is in this picture?',
    images: [{ mediaType: 'image/png', data: PNG_1PX }],
  })
  expect(turn.prompt).toBe('What is in this picture?')
  const result = await turn.done
  // The CLI adds an "[Image: source: <where it saved it>]" text; the fake leaves it out of `prompt`.
  expect(result.text).toBe('echo: What is in this picture?')
  const request = api.requests.findLast((r) => !r.isSideRequest)
  const blocks = request?.messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content))
  expect(blocks).toContainEqual(
    expect.objectContaining({
      type: 'image',
      source: { type: 'base64', media_type: 'image/png', data: PNG_1PX },
    }),
  )
})
