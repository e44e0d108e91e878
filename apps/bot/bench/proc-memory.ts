import { readFile } from 'node:fs/promises'

/** Resident (VmRSS) and peak resident (VmHWM) memory of a process, in bytes, from /proc. */
export async function processMemory(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return { rss: kib('VmRSS') * 1024, peak: kib('VmHWM') * 1024 }
}

export const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`
