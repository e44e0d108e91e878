import type { Writable } from 'node:stream'
import { execa } from 'execa'
import type { Logger } from '../logger.js'
import { REAPER_SCRIPT } from './reaper-script.js'

/**
 * The parent-death check of a pool: one small `sh` process (reaper-script.ts) that holds the list of
 * live CLI pids and kills them — process groups and every process below them — once its stdin, a pipe
 * from us, reaches EOF. The kernel closes that pipe however this process ends (exit, crash, SIGKILL),
 * so a CLI never outlives the bot by more than about a second. It runs detached (a session of its own:
 * a terminal's Ctrl-C or a signal to the bot's process group does not reach it) and unref'd (it never
 * keeps the bot alive). Started on the first `add`; started again, with every pid, if it dies.
 */
export class Reaper {
  private child: ReturnType<typeof spawnReaper> | undefined
  private readonly pids = new Set<number>()
  private closed = false
  private broken = false

  constructor(
    private readonly options: { shell?: string; path: string | undefined; logger: Logger },
  ) {}

  /** The reaper's own pid (undefined until the first `add`). */
  get pid(): number | undefined {
    return this.child?.pid
  }

  /** Registers a CLI (its pid, which is also its process group). */
  add(pid: number | undefined): void {
    if (pid === undefined || this.closed) return
    this.pids.add(pid)
    this.write(`add ${pid}`)
  }

  /** The CLI has exited: forget it (its pid may be reused). */
  remove(pid: number | undefined): void {
    if (pid !== undefined && this.pids.delete(pid)) this.write(`del ${pid}`)
  }

  /** Ends the reaper; it kills whatever is still registered (nothing, after a clean shutdown). */
  close(): void {
    this.closed = true
    this.child?.stdin?.end()
  }

  private write(line: string): void {
    const child = this.child ?? this.start()
    child?.stdin?.write(`${line}\n`)
  }

  private start(): ReturnType<typeof spawnReaper> | undefined {
    if (this.closed || this.broken) return undefined
    const { logger } = this.options
    const child = spawnReaper(this.options.shell ?? '/bin/sh', this.options.path)
    this.child = child
    child.stdin?.on('error', (error) => logger.debug({ err: error }, 'reaper stdin error'))
    void child.then((result) => {
      if (this.child === child) this.child = undefined
      if (this.closed) return
      if (result.exitCode === undefined && result.signal === undefined) {
        // It could not even start (no sh?): the pool's cleanupOrphans at the next start remains.
        this.broken = true
        logger.error({ err: result.originalMessage }, 'could not start the reaper')
        return
      }
      logger.warn({ signal: result.signal, exitCode: result.exitCode }, 'reaper ended: restarting')
      for (const pid of this.pids) this.write(`add ${pid}`)
    })
    child.nodeChildProcess.unref()
    ;(child.stdin as (Writable & { unref?: () => void }) | null)?.unref?.()
    return child
  }
}

function spawnReaper(shell: string, path: string | undefined) {
  return execa(shell, ['-c', REAPER_SCRIPT, 'switchboard-reaper'], {
    env: path === undefined ? {} : { PATH: path },
    extendEnv: false,
    stdin: 'pipe',
    stdout: 'ignore',
    stderr: 'ignore',
    detached: true,
    cleanup: false,
    reject: false,
    buffer: false,
  })
}
