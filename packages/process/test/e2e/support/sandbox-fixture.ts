import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SessionManager } from '@switchboard/core'
import { claudeEnv, makeTempDir, startFakeAnthropicApi } from '@switchboard/test-utils'
import type { PermissionDecision, PermissionRequest } from '../../../src/permissions.js'
import { ProcessPool } from '../../../src/pool/process-pool.js'
import type { SessionRef } from '../../../src/pool/types.js'
import type { TurnEvent } from '../../../src/turn-events.js'

const CLAUDE = fileURLToPath(new URL('../../../node_modules/.bin/claude', import.meta.url))

/** Secrets planted where no session may read them. */
export const SECRETS = {
  checkoutEnv: 'TELEGRAM_BOT_TOKEN=123456:checkout-env-secret',
  sshKey: 'ssh-private-key-secret',
  otherSession: 'other-session-secret',
  persona: 'user-persona-marker',
}

type Answer = (request: PermissionRequest) => PermissionDecision

/**
 * A pool with the sandbox on (unless `enabled: false`), driving the real CLI against the fake Messages API: a data dir with a
 * user persona and two sessions, a fake checkout with a `.env`, a HOME with `~/.ssh`. Every permission
 * request is recorded in `asked` and answered by `answer` (default: allow).
 */
export async function makeSandboxFixture(options: { enabled?: boolean; autoAllow?: boolean } = {}) {
  const api = await startFakeAnthropicApi()
  const root = await makeTempDir('sandbox-e2e')
  const dirs = {
    root: root.path,
    data: join(root.path, 'data'),
    home: join(root.path, 'home'),
    checkout: join(root.path, 'checkout'),
  }
  await mkdir(join(dirs.data, 'personas'), { recursive: true })
  await mkdir(join(dirs.home, '.ssh'), { recursive: true })
  await mkdir(dirs.checkout, { recursive: true })
  await writeFile(join(dirs.checkout, '.env'), `${SECRETS.checkoutEnv}\n`)
  await writeFile(join(dirs.home, '.ssh', 'id_test'), `${SECRETS.sshKey}\n`)
  const persona = { name: 'default', description: SECRETS.persona, systemPrompt: '', settings: {} }
  await writeFile(join(dirs.data, 'personas', 'default.json'), JSON.stringify(persona))
  const store = new SessionManager({ dataDir: dirs.data, projectRoots: [root.path] })
  const other = await store.create({ owner: '7', name: 'other' })
  await writeFile(join(other.workingDirectory, 'notes.txt'), `${SECRETS.otherSession}\n`)

  const asked: PermissionRequest[] = []
  const state: { answer: Answer } = { answer: () => ({ behavior: 'allow' }) }
  const pool = new ProcessPool({
    store,
    claudePath: CLAUDE,
    parentEnv: claudeEnv({ apiUrl: api.url, home: dirs.home }),
    sandbox: {
      enabled: options.enabled ?? true,
      autoAllow: options.autoAllow ?? false,
      dataDir: dirs.data,
      protectedPaths: [dirs.checkout],
      privatePaths: ['~/.ssh'],
    },
    onPermissionRequest: async (_ref, request) => {
      asked.push(request)
      return state.answer(request)
    },
  })

  return {
    api,
    dirs,
    store,
    pool,
    asked,
    /** How the next permission requests are answered. */
    answerWith(answer: Answer) {
      state.answer = answer
    },
    /** Runs one prompt; the turn's events, and its tool results' text joined. */
    async run(ref: SessionRef, prompt: string) {
      const events: TurnEvent[] = []
      for await (const event of pool.send(ref, prompt)) events.push(event)
      const output = events.flatMap((e) => (e.type === 'tool_result' ? [e.content] : [])).join('\n')
      return { events, output }
    },
    async close() {
      await pool.shutdown()
      await api.close()
      await root.cleanup()
    },
  }
}

export type SandboxFixture = Awaited<ReturnType<typeof makeSandboxFixture>>
