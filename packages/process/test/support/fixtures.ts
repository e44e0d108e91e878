import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const FIXTURE_DIR = fileURLToPath(
  new URL('../fixtures/claude-code-stream-json/', import.meta.url),
)

export const fixtureNames = (): string[] =>
  readdirSync(FIXTURE_DIR).filter((f) => f.endsWith('.jsonl'))

/** A recorded transcript: `in` lines were written to the CLI's stdin, `out` lines are its stdout. */
export function readFixture(name: string): { dir: 'in' | 'out'; text: string }[] {
  return readFileSync(`${FIXTURE_DIR}${name}`, 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#') && !line.startsWith('STDERR'))
    .map((line) =>
      line.startsWith('>>> ')
        ? { dir: 'in' as const, text: line.slice(4) }
        : { dir: 'out' as const, text: line },
    )
}
