import { chmod, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * A stand-in `claude` that records what it was started with (argv, cwd, whether stdin is a
 * terminal, its environment, the desk lease file `$STUB_LEASE`) into `$STUB_RECORD`, writes a transcript named `$STUB_NEW_CONVERSATION`
 * (as Claude Code would for a conversation continued at the desk), and exits with `$STUB_EXIT`.
 */
export async function writeStubClaude(dir: string): Promise<string> {
  const path = join(dir, 'claude')
  const script = `#!${process.execPath}
const fs = require('node:fs')
const path = require('node:path')
fs.writeFileSync(process.env.STUB_RECORD, JSON.stringify({
  argv: process.argv.slice(2), cwd: process.cwd(), tty: process.stdin.isTTY === true, env: process.env,
  lease: process.env.STUB_LEASE && fs.existsSync(process.env.STUB_LEASE)
    ? JSON.parse(fs.readFileSync(process.env.STUB_LEASE, 'utf8')) : null,
}))
if (process.env.STUB_NEW_CONVERSATION) {
  const key = fs.realpathSync(process.cwd()).replace(/[^a-zA-Z0-9]/g, '-')
  const dir = path.join(process.env.CLAUDE_CONFIG_DIR, 'projects', key)
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, process.env.STUB_NEW_CONVERSATION + '.jsonl'), '{}\\n')
}
if (process.env.STUB_WAIT) {
  // Stay open like a terminal session until a signal ends it.
  process.on('SIGTERM', () => process.exit(143))
  setInterval(() => {}, 1000)
} else {
  process.exit(Number(process.env.STUB_EXIT ?? 0))
}
`
  await writeFile(path, script)
  await chmod(path, 0o755)
  return path
}
