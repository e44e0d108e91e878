import type { CliSubprocess } from './spawn-cli.js'

/**
 * Graceful, then forced: closes stdin (the CLI exits by itself once idle), sends SIGTERM if it has not
 * exited after `graceMs`; execa's `forceKillAfterDelay` follows with SIGKILL to the whole process group.
 */
export async function terminate(
  subprocess: CliSubprocess,
  exited: Promise<unknown>,
  graceMs: number,
): Promise<void> {
  subprocess.stdin?.end()
  const exitedInTime = await Promise.race([
    exited.then(() => true),
    delay(graceMs).then(() => false),
  ])
  if (!exitedInTime) subprocess.kill('SIGTERM')
  await exited
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref())
}
