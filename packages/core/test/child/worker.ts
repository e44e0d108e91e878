// Child process used by test/cross-process.test.ts; spawned through spawn-worker.ts.
// Usage: worker.ts <mode> <dataDir> <owner> <name> [count]
import { createInterface } from 'node:readline'
import { SessionExistsError, SessionManager } from '../../src/index.js'

const [mode, dataDir, owner, name, countArg] = process.argv.slice(2)
if (!mode || !dataDir || !owner || !name)
  throw new Error('usage: worker.ts <mode> <dataDir> <owner> <name>')
const count = Number(countArg ?? '1')
const manager = new SessionManager({ dataDir, lockTimeoutMs: 60_000, lockStaleMs: 2_000 })
const say = (line: string) => process.stdout.write(`${line}\n`)

/** Waits for the parent's "go" so both children start their work at the same moment. */
async function waitForGo(): Promise<void> {
  say('ready')
  const lines = createInterface({ input: process.stdin })
  for await (const line of lines) if (line === 'go') break
  lines.close()
}

await waitForGo()
if (mode === 'add-usage') {
  for (let i = 0; i < count; i++) await manager.update(owner, name, { addUsage: { turns: 1 } })
  say('done')
} else if (mode === 'create') {
  // Races the sibling process for names <name>-0 … <name>-(count-1).
  for (let i = 0; i < count; i++) {
    try {
      await manager.create({ owner, name: `${name}-${i}` })
      say(`created ${i}`)
    } catch (error) {
      if (!(error instanceof SessionExistsError)) throw error
      say(`exists ${i}`)
    }
  }
  say('done')
} else if (mode === 'update-forever') {
  for (let i = 0; ; i++) {
    await manager.update(owner, name, { addUsage: { turns: 1, inputTokens: i }, touch: true })
    say('tick')
  }
} else {
  throw new Error(`unknown mode ${mode}`)
}
