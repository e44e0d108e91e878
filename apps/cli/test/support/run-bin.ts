import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** The built bin (test/global-setup.ts builds it). */
export const BIN = fileURLToPath(new URL('../../dist/main.js', import.meta.url))

export interface BinResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs `switchboard <args>` in a child process with exactly `env` (plus PATH) and waits for it. */
export function runBin(
  args: readonly string[],
  env: Record<string, string>,
  options: { cwd?: string } = {},
): Promise<BinResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env }, cwd: options.cwd },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}
