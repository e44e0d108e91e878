import { execa } from 'execa'

/** Why Claude Code's sandbox cannot run here. */
export type SandboxUnavailableReason =
  | 'unsupported_platform'
  | 'bwrap_missing'
  | 'bwrap_failed'
  | 'socat_missing'
  | 'seatbelt_failed'

export type SandboxCheck =
  | { available: true; backend: 'bubblewrap' | 'seatbelt' }
  | { available: false; reason: SandboxUnavailableReason; detail: string }

export interface CheckSandboxOptions {
  /** The environment the CLI will get; its PATH finds bwrap and socat as the CLI would. */
  env: Readonly<Record<string, string | undefined>>
  /** Default `process.platform`. */
  platform?: NodeJS.Platform
  /** Default 10 s. */
  timeoutMs?: number
}

// The namespaces and mounts CLI 2.1.330 gives every sandboxed command (read from its bwrap argv).
const BWRAP_ARGS = [
  '--new-session',
  '--die-with-parent',
  '--unshare-net',
  '--unshare-pid',
  '--unshare-user',
  '--ro-bind',
  '/',
  '/',
  '--dev',
  '/dev',
  '--proc',
  '/proc',
  '--tmpfs',
  '/tmp',
  '--cap-drop',
  'ALL',
]
// Inside, socat must run: the CLI's network proxy reaches the sandbox through it.
const SOCAT_MISSING = 42
const LINUX_PROBE = `command -v socat >/dev/null 2>&1 || exit ${SOCAT_MISSING}; printf sandbox-ok | socat -u STDIN STDOUT`
const SEATBELT_PROFILE = '(version 1)(allow default)'

/**
 * Runs one command the way the CLI's sandbox would (bubblewrap + socat on Linux, Seatbelt on macOS)
 * and says whether it worked: finding the binaries is not enough (user namespaces can be disabled,
 * AppArmor can refuse them).
 */
export async function checkSandbox(options: CheckSandboxOptions): Promise<SandboxCheck> {
  const platform = options.platform ?? process.platform
  const timeout = options.timeoutMs ?? 10_000
  const env = { PATH: options.env.PATH ?? '/usr/bin:/bin' }
  if (platform === 'darwin') {
    const run = await probe(
      'sandbox-exec',
      ['-p', SEATBELT_PROFILE, '/bin/sh', '-c', 'printf sandbox-ok'],
      env,
      timeout,
    )
    return run.ok
      ? { available: true, backend: 'seatbelt' }
      : { available: false, reason: 'seatbelt_failed', detail: run.detail }
  }
  if (platform !== 'linux') {
    return { available: false, reason: 'unsupported_platform', detail: `platform ${platform}` }
  }
  const run = await probe(
    'bwrap',
    [...BWRAP_ARGS, '--', '/bin/sh', '-c', LINUX_PROBE],
    env,
    timeout,
  )
  if (run.ok) return { available: true, backend: 'bubblewrap' }
  if (run.missing) return { available: false, reason: 'bwrap_missing', detail: run.detail }
  if (run.exitCode === SOCAT_MISSING)
    return { available: false, reason: 'socat_missing', detail: 'socat not found on PATH' }
  return { available: false, reason: 'bwrap_failed', detail: run.detail }
}

interface ProbeResult {
  ok: boolean
  missing: boolean
  exitCode: number | undefined
  detail: string
}

async function probe(
  file: string,
  args: string[],
  env: Record<string, string>,
  timeout: number,
): Promise<ProbeResult> {
  const result = await execa(file, args, {
    env,
    extendEnv: false,
    stdin: 'ignore',
    reject: false,
    timeout,
    forceKillAfterDelay: 1_000,
  })
  const missing = result.code === 'ENOENT'
  const ok = !result.failed && result.stdout === 'sandbox-ok'
  const detail = missing
    ? `${file} not found on PATH`
    : firstLine(String(result.stderr)) || (result.shortMessage ?? 'no output')
  return { ok, missing, exitCode: result.exitCode, detail: detail.slice(0, 300) }
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? ''
}
