/** Variables passed to the CLI by exact name. */
const ALLOWED_NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'TZ',
  'TERM',
  'TMPDIR',
  'http_proxy',
  'https_proxy',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'no_proxy',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'CLAUDECODE',
  'IS_SANDBOX',
  // Tuning variables Claude Code documents (tool timeouts, output and thinking limits).
  'BASH_DEFAULT_TIMEOUT_MS',
  'BASH_MAX_TIMEOUT_MS',
  'BASH_MAX_OUTPUT_LENGTH',
  'MAX_THINKING_TOKENS',
  'MAX_MCP_OUTPUT_TOKENS',
  'USE_BUILTIN_RIPGREP',
  'ENABLE_TOOL_SEARCH',
])

/**
 * Variables passed by prefix: locale, XDG dirs, Claude Code's own settings, and the credentials of the
 * providers it can use (Anthropic, Bedrock: AWS_*, Vertex: GOOGLE_* / CLOUD_ML_REGION / VERTEX_REGION_*).
 */
const ALLOWED_PREFIXES = [
  'LC_',
  'XDG_',
  'ANTHROPIC_',
  'CLAUDE_',
  'DISABLE_',
  'MCP_',
  'AWS_',
  'GOOGLE_',
  'CLOUD_ML_',
  'VERTEX_REGION_',
]

/**
 * Set for every child, so the commands Claude runs don't phone home on their own: npm's update check
 * (also read by pnpm) and the `update-notifier` package's contact the registry on every run, which in
 * the sandbox is a network permission prompt each time.
 */
const QUIET_DEFAULTS: Record<string, string> = {
  NPM_CONFIG_UPDATE_NOTIFIER: 'false',
  NO_UPDATE_NOTIFIER: '1',
}

/** Never passed, whatever else says so: the bot's own secrets. */
const DENIED_PREFIXES = ['TELEGRAM_', 'SWITCHBOARD_']

export interface ChildEnvOptions {
  /** Added after filtering (still subject to the deny rules). */
  extra?: Record<string, string>
  /** More names to withhold; an entry ending in `*` is a prefix (`MY_APP_*`). */
  deny?: string[]
}

/**
 * The CLI's environment: the quiet defaults (no update checks), an allow-list of the parent's variables
 * plus `extra`, minus a deny-list that always wins (TELEGRAM_*, SWITCHBOARD_*, `deny`). The result is the
 * whole environment (no inheritance).
 */
export function buildChildEnv(
  parent: NodeJS.ProcessEnv,
  options: ChildEnvOptions = {},
): Record<string, string> {
  const denied = (name: string) => isDenied(name, options.deny ?? [])
  const env: Record<string, string> = {}
  for (const [name, value] of Object.entries(QUIET_DEFAULTS)) {
    if (!denied(name)) env[name] = value
  }
  for (const [name, value] of Object.entries(parent)) {
    if (value !== undefined && isAllowed(name) && !denied(name)) env[name] = value
  }
  for (const [name, value] of Object.entries(options.extra ?? {})) {
    if (!denied(name)) env[name] = value
  }
  return env
}

function isAllowed(name: string): boolean {
  return ALLOWED_NAMES.has(name) || ALLOWED_PREFIXES.some((prefix) => name.startsWith(prefix))
}

function isDenied(name: string, deny: string[]): boolean {
  const upper = name.toUpperCase()
  if (DENIED_PREFIXES.some((prefix) => upper.startsWith(prefix))) return true
  return deny.some((rule) =>
    rule.endsWith('*') ? name.startsWith(rule.slice(0, -1)) : name === rule,
  )
}
