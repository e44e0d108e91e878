import { fileURLToPath } from 'node:url'

/** The repo root's `.env`: the same relative path works from `src/startup/` and `dist/startup/`. */
export const REPO_ENV_FILE = fileURLToPath(new URL('../../../../.env', import.meta.url))

/**
 * Loads `path` into process.env when it exists. Node's loader never overrides a variable that is
 * already set (even to an empty string), so the real environment always wins over the file.
 */
export function loadEnvFileIfPresent(path: string = REPO_ENV_FILE): 'loaded' | 'missing' {
  try {
    process.loadEnvFile(path)
    return 'loaded'
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing'
    throw error
  }
}
