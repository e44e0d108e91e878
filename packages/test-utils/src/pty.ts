import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'

/** ANSI escape sequences (CSI, OSC), stripped so the screen's text can be matched. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching escape sequences is the point.
const ESCAPES = /\x1b(\[[0-9;?>]*[a-zA-Z~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][A-Z0-9]|[=>78])/g

/**
 * A command in a pseudo-terminal (util-linux `script`): what it prints, keys typed into it, and
 * waits on its screen's text. For driving Claude Code's interactive UI like a user.
 */
export class Pty {
  private raw = ''
  private readonly child: ChildProcessWithoutNullStreams
  readonly exited: Promise<number>

  constructor(command: string, options: { cwd: string; env: Record<string, string> }) {
    this.child = spawn('script', ['-qfec', command, '/dev/null'], { ...options, stdio: 'pipe' })
    const collect = (data: Buffer) => {
      this.raw += data.toString('utf8')
    }
    this.child.stdout.on('data', collect)
    this.child.stderr.on('data', collect)
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? -1)))
  }

  /** The screen output so far, without escape sequences. */
  get text(): string {
    return this.raw.replace(ESCAPES, '')
  }

  type(keys: string): void {
    this.child.stdin.write(keys)
  }

  /** Resolves once `test` holds for the output (polled), or rejects after `timeoutMs` showing the tail. */
  async waitFor(test: (text: string) => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!test(this.text)) {
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`pty: no ${what}; screen tail: ${this.text.slice(-800)}`)
      }
      await new Promise((r) => setTimeout(r, 100))
    }
  }

  kill(): void {
    this.child.kill('SIGKILL')
  }
}
