import { readdir, realpath, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, join } from 'node:path'

/** The environment variables resolveClaudeConfigDir looks at. */
export interface ClaudeConfigEnv {
  CLAUDE_CONFIG_DIR?: string | undefined
  HOME?: string | undefined
}

/** Claude Code's own directory: `$CLAUDE_CONFIG_DIR`, else `~/.claude` (where it keeps transcripts). */
export function resolveClaudeConfigDir(env: ClaudeConfigEnv = process.env): string {
  return env.CLAUDE_CONFIG_DIR || join(env.HOME || homedir(), '.claude')
}

/** Claude Code (2.1.x) truncates a long project key to this many characters and adds a hash. */
const MAX_KEY_LENGTH = 200

/**
 * The directory name Claude Code keeps a working directory's transcripts under, as CLI 2.1.330
 * computes it: every character other than a-z, A-Z, 0-9 becomes "-"; past 200 characters the key is
 * cut and "-" plus the base-36 of a 32-bit string hash of the path is appended.
 */
export function claudeProjectKey(workingDirectory: string): string {
  const key = workingDirectory.replace(/[^a-zA-Z0-9]/g, '-')
  if (key.length <= MAX_KEY_LENGTH) return key
  let hash = 0
  for (let i = 0; i < workingDirectory.length; i++) {
    hash = ((hash << 5) - hash + workingDirectory.charCodeAt(i)) | 0
  }
  return `${key.slice(0, MAX_KEY_LENGTH)}-${Math.abs(hash).toString(36)}`
}

const TRANSCRIPT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.jsonl$/

/** One transcript file of the CLI's store: `<config>/projects/<key>/<id>.jsonl`. */
export interface ClaudeTranscriptFile {
  /** The Claude Code session id (the file's name). */
  id: string
  path: string
  mtimeMs: number
  size: number
}

/**
 * The transcript files Claude Code recorded for `workingDirectory`, newest first (by mtime); empty when
 * there are none. Read-only; files that vanish or aren't regular files are left out.
 */
export async function claudeTranscriptFiles(
  claudeConfigDir: string,
  workingDirectory: string,
): Promise<ClaudeTranscriptFile[]> {
  // The CLI keys by the real path of its cwd; fall back to the path as given once it is gone.
  const cwd = await realpath(workingDirectory).catch(() => workingDirectory)
  const dir = join(claudeConfigDir, 'projects', claudeProjectKey(cwd))
  const names = await readdir(dir).catch(() => [] as string[])
  const files = await Promise.all(
    names
      .filter((n) => TRANSCRIPT.test(n))
      .map(async (name) => {
        const path = join(dir, name)
        const info = await stat(path).catch(() => null)
        if (!info?.isFile()) return null
        return { id: basename(name, '.jsonl'), path, mtimeMs: info.mtimeMs, size: info.size }
      }),
  )
  return files.filter((f) => f !== null).sort((a, b) => b.mtimeMs - a.mtimeMs)
}

/**
 * The Claude Code session id of the newest transcript for `workingDirectory`
 * (`<config>/projects/<key>/<session-id>.jsonl`), or null when there is none. Read-only.
 */
export async function newestClaudeSessionId(
  claudeConfigDir: string,
  workingDirectory: string,
): Promise<string | null> {
  const [newest] = await claudeTranscriptFiles(claudeConfigDir, workingDirectory)
  return newest?.id ?? null
}
