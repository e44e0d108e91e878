/**
 * What a Bash command must look like before a prefix rule may stand for it. The CLI checks each part
 * of a compound command on its own, but we take no chances: a command with any operator, substitution,
 * redirect, quote-less escape or line break is only ever remembered exactly.
 */
const SHELL_METACHARACTERS = /[;&|<>$`\\(){}\p{Cc}\u2028\u2029]/u

/** Programs whose later arguments can run any other program: a prefix rule for them is a whole-tool rule. */
const RUNS_ANYTHING = new Set([
  'awk',
  'bash',
  'builtin',
  'bun',
  'bunx',
  'command',
  'dash',
  'deno',
  'doas',
  'env',
  'eval',
  'exec',
  'find',
  'fish',
  'gawk',
  'ksh',
  'nice',
  'node',
  'nohup',
  'npx',
  'perl',
  'php',
  'pnpx',
  'python',
  'python3',
  'ruby',
  'sed',
  'sh',
  'ssh',
  'strace',
  'su',
  'sudo',
  'time',
  'timeout',
  'watch',
  'xargs',
  'zsh',
])

const PLAIN_WORD = /^[A-Za-z0-9_][A-Za-z0-9_.@%+=:,/-]*$/

export function hasShellMetacharacters(command: string): boolean {
  return SHELL_METACHARACTERS.test(command)
}

/**
 * A prefix a rule may allow: two or more plain words (`npm test`, `git diff`), no flags (`python -c`),
 * no leading variable assignment, and not a program that runs other programs.
 */
export function isNarrowPrefix(prefix: string): boolean {
  const words = prefix.split(' ')
  const [program = ''] = words
  return (
    words.length >= 2 &&
    words.every((word) => PLAIN_WORD.test(word)) &&
    !program.includes('=') &&
    !RUNS_ANYTHING.has(program.replace(/^.*\//, '')) &&
    words.slice(1).every((word) => !word.startsWith('-'))
  )
}

/** The CLI's prefix match (`prefix` alone or followed by a space), for a command with no metacharacters. */
export function prefixCovers(prefix: string, command: string): boolean {
  if (hasShellMetacharacters(command)) return false
  return command === prefix || command.startsWith(`${prefix} `)
}
