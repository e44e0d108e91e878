/**
 * What a Bash command must look like before a prefix rule may stand for it. The CLI checks each part
 * of a compound command on its own, but we take no chances: a command with any operator, substitution,
 * redirect, quote-less escape or line break is only ever remembered exactly.
 */
const SHELL_METACHARACTERS = /[;&|<>$`\\(){}\p{Cc}\u2028\u2029]/u

/**
 * Programs whose later arguments can run any other program (`tar --to-command`, `rg --pre`, `rsync -e`,
 * `docker run`): a prefix rule for them is a whole-tool rule.
 */
const RUNS_ANYTHING = new Set([
  'awk',
  'bash',
  'builtin',
  'bun',
  'bunx',
  'busybox',
  'chroot',
  'chrt',
  'command',
  'dash',
  'deno',
  'doas',
  'docker',
  'env',
  'eval',
  'exec',
  'expect',
  'find',
  'fish',
  'flock',
  'gawk',
  'gdb',
  'ionice',
  'java',
  'ksh',
  'kubectl',
  'ltrace',
  'lua',
  'nice',
  'node',
  'nohup',
  'npx',
  'parallel',
  'perl',
  'php',
  'pnpx',
  'podman',
  'python',
  'python3',
  'rg',
  'Rscript',
  'rsync',
  'ruby',
  'screen',
  'script',
  'sed',
  'setsid',
  'sh',
  'ssh',
  'stdbuf',
  'strace',
  'su',
  'sudo',
  'systemd-run',
  'tar',
  'taskset',
  'tclsh',
  'time',
  'timeout',
  'tmux',
  'unshare',
  'watch',
  'xargs',
  'zsh',
])

/**
 * Subcommands that launch whatever follows them (`npm exec`, `pnpm dlx`, `cargo run`, `npm run`): a
 * prefix may not end with one. `npm run build *` names one script; `npm run *` would name them all.
 */
const LAUNCHES_NEXT = new Set([
  'dlx',
  'e',
  'eval',
  'exec',
  'run',
  'run-script',
  'shell',
  'start',
  'x',
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
    !LAUNCHES_NEXT.has(words.at(-1) ?? '') &&
    words.slice(1).every((word) => !word.startsWith('-'))
  )
}

/** The CLI's prefix match (`prefix` alone or followed by a space), for a command with no metacharacters. */
export function prefixCovers(prefix: string, command: string): boolean {
  if (hasShellMetacharacters(command)) return false
  return command === prefix || command.startsWith(`${prefix} `)
}
