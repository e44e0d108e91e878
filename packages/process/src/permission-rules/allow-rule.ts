import { isExpressiblePath, realTarget, requestPath, ruleToolFor } from './file-paths.js'
import { parseRule } from './rule-text.js'
import { isNarrowPrefix, prefixCovers } from './shell-command.js'

/** What a rule is checked against: the tool and its input (a `PermissionRequest` is one). */
export interface RuleSubject {
  toolName: string
  input: Record<string, unknown>
}

/**
 * The only rules an "always" answer may leave behind, each naming no more than one request showed:
 * - `command`: `Bash(<exact command>)`
 * - `command-prefix`: `Bash(npm test *)` / `Bash(npm test:*)` — that command with any plain arguments
 * - `path`: `Read(//abs/file)` / `Edit(//abs/file)` — that one file
 * - `directory`: `Edit(//abs/dir/**)` — files below a directory (offered only inside the working directory)
 * - `host`: `WebFetch(domain:example.com)` — one host, the rule the CLI itself checks before a sandboxed
 *   command connects to it (`SandboxNetworkAccess` requests); it covers WebFetch of that host too
 */
export type AllowRule =
  | { kind: 'command'; text: string; command: string }
  | { kind: 'command-prefix'; text: string; prefix: string }
  | { kind: 'path'; text: string; tool: 'Read' | 'Edit'; path: string }
  | { kind: 'directory'; text: string; tool: 'Read' | 'Edit'; directory: string }
  | { kind: 'host'; text: string; host: string }

/** The tool name of the CLI's request to let a sandboxed command reach a host not yet allowed. */
export const NETWORK_TOOL = 'SandboxNetworkAccess'

// One plain host name: no wildcard, no port, no path (a rule for it names exactly that host).
const HOST = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/

/** Classifies a rule in the CLI's syntax; undefined for any other rule (whole-tool, wildcards, globs). */
export function classifyRule(text: string): AllowRule | undefined {
  const value = parseRule(text)
  if (!value) return undefined
  const { toolName, ruleContent: content } = value
  if (toolName === 'Bash') return classifyCommand(text, content)
  if (toolName === 'WebFetch') {
    const host = content.startsWith('domain:') ? content.slice('domain:'.length) : ''
    return HOST.test(host) ? { kind: 'host', text, host } : undefined
  }
  if (toolName !== 'Read' && toolName !== 'Edit') return undefined
  if (!content.startsWith('//')) return undefined
  const absolute = content.slice(1)
  if (absolute.endsWith('/**')) {
    const directory = absolute.slice(0, -3)
    return isExpressiblePath(directory)
      ? { kind: 'directory', text, tool: toolName, directory }
      : undefined
  }
  return isExpressiblePath(absolute)
    ? { kind: 'path', text, tool: toolName, path: absolute }
    : undefined
}

function classifyCommand(text: string, content: string): AllowRule | undefined {
  const prefix = prefixOf(content)
  if (prefix !== undefined)
    return isNarrowPrefix(prefix) ? { kind: 'command-prefix', text, prefix } : undefined
  // Any other `*` is a wildcard to the CLI, however it was meant.
  return content.includes('*') ? undefined : { kind: 'command', text, command: content }
}

// `npm test:*` (legacy) and `npm test *` (one trailing wildcard) are the same prefix rule to the CLI.
function prefixOf(content: string): string | undefined {
  const match = /^([^*]+?)(?::\*| \*)$/.exec(content)
  return match?.[1]
}

/** True when `rule` allows `subject`, never for more than the CLI itself would let the rule allow. */
export function ruleCovers(rule: AllowRule, subject: RuleSubject): boolean {
  if (rule.kind === 'command' || rule.kind === 'command-prefix') {
    const command = subject.input.command
    if (subject.toolName !== 'Bash' || typeof command !== 'string') return false
    return rule.kind === 'command' ? command === rule.command : prefixCovers(rule.prefix, command)
  }
  if (rule.kind === 'host')
    return subject.toolName === NETWORK_TOOL && subject.input.host === rule.host
  if (ruleToolFor(subject.toolName) !== rule.tool) return false
  const path = requestPath(subject.toolName, subject.input)
  if (path === undefined) return false
  const matches = (p: string) =>
    rule.kind === 'path' ? p === rule.path : p.startsWith(`${rule.directory}/`)
  // Both the path shown and where it really leads: a symlink swapped in must not carry the rule along.
  if (!matches(path)) return false
  const real = realTarget(path)
  return real !== undefined && matches(real)
}
