import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** The real CLI, installed as a devDependency of packages/process (absent → the suite skips). */
export const claudeBin = fileURLToPath(
  new URL('../../process/node_modules/.bin/claude', import.meta.url),
)
export const hasClaude = existsSync(claudeBin)

const STREAM_FLAGS = [
  '-p',
  '--input-format',
  'stream-json',
  '--output-format',
  'stream-json',
  '--verbose',
  '--permission-prompt-tool',
  'stdio',
]

// biome-ignore lint/suspicious/noExplicitAny: stdout lines are asserted on freely in tests
type Line = Record<string, any>

/** A long-lived `claude -p --input-format stream-json` process driven line by line (test-only). */
export class ClaudeCliSession {
  readonly lines: Line[] = []
  readonly stderr: string[] = []
  readonly exited: Promise<number | null>
  private readonly child: ChildProcessWithoutNullStreams
  private waiters: (() => void)[] = []
  private buffer = ''

  constructor(options: { cwd: string; env: Record<string, string>; args?: string[] }) {
    this.child = spawn(claudeBin, [...STREAM_FLAGS, ...(options.args ?? [])], {
      cwd: options.cwd,
      env: options.env,
    })
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => this.onData(chunk))
    this.child.stderr.setEncoding('utf8').on('data', (chunk: string) => this.stderr.push(chunk))
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)))
    this.send({ type: 'control_request', request_id: 'init_1', request: { subtype: 'initialize' } })
  }

  send(message: unknown): void {
    this.child.stdin.write(`${JSON.stringify(message)}\n`)
  }

  sendPrompt(text: string): void {
    this.send({
      type: 'user',
      message: { role: 'user', content: text },
      parent_tool_use_id: null,
      session_id: '',
    })
  }

  /** Waits for the first line after `from` (an index into `lines`) matching the predicate. */
  async waitFor(predicate: (line: Line) => boolean, from = 0, timeoutMs = 20_000): Promise<Line> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = this.lines.slice(from).find(predicate)
      if (found) return found
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`no matching line; stderr: ${this.stderr.join('')}`)
      }
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve)
        setTimeout(resolve, 200)
      })
    }
  }

  /** Sends a prompt and resolves with that turn's `result` line. */
  async turn(text: string): Promise<Line> {
    const from = this.lines.length
    this.sendPrompt(text)
    return this.waitFor((l) => l.type === 'result', from)
  }

  /** Closes stdin (the CLI then exits) and kills it if it lingers. */
  async close(): Promise<number | null> {
    this.child.stdin.end()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000)
    const code = await this.exited
    clearTimeout(timer)
    return code
  }

  private onData(chunk: string): void {
    this.buffer += chunk
    let newline = this.buffer.indexOf('\n')
    while (newline >= 0) {
      const raw = this.buffer.slice(0, newline).trim()
      this.buffer = this.buffer.slice(newline + 1)
      if (raw !== '') this.lines.push(JSON.parse(raw) as Line)
      newline = this.buffer.indexOf('\n')
    }
    for (const wake of this.waiters.splice(0)) wake()
  }
}
