import { resolve } from 'node:path'
import type { PermissionUpdate } from '../protocol/control-messages.js'
import {
  type AllowRule,
  classifyRule,
  NETWORK_TOOL,
  type RuleSubject,
  ruleCovers,
} from './allow-rule.js'
import { isExpressiblePath, isStrictlyInside, requestPath, ruleToolFor } from './file-paths.js'
import { formatRule } from './rule-text.js'

export interface NarrowOptions {
  /** The session's working directory (the CLI's cwd): directory rules are offered only below it. */
  workingDirectory: string
}

/** Files and directories below the working directory that a directory rule must not cover. */
const CONTROL_DIRECTORIES = new Set(['.git', '.claude'])

/**
 * The one rule an "always" answer to this request may remember, or undefined (then "always" is not
 * offered). Never wider than what the request shows:
 * 1. the CLI's own suggestion when it is a single rule no wider than the request — a command prefix
 *    of this very command (which has no shell operators), that exact file, or a directory below the
 *    working directory holding the file;
 * 2. else the exact input: `Bash(<command>)`, `Read(//<path>)` / `Edit(//<path>)`, for a sandboxed
 *    command's network request `WebFetch(domain:<host>)`;
 * 3. else nothing: never a whole-tool rule, never `addDirectories` or `setMode`. A path that is (or lies
 *    below) a symlink gets no rule either: a rule must hold for where the tool really goes.
 */
export function narrowAlwaysRule(
  request: RuleSubject & { suggestions: readonly PermissionUpdate[] },
  options: NarrowOptions,
): string | undefined {
  const cwd = resolve(options.workingDirectory)
  const suggested = classifyRule(singleSuggestedRule(request.suggestions) ?? '')
  if (suggested && suggestionFits(suggested, request, { ...options, workingDirectory: cwd }))
    return suggested.text
  const exact = classifyRule(exactRule(request) ?? '')
  // The exact rule must read back as an exact rule that allows this very request, nothing else.
  if (!exact || exact.kind === 'command-prefix' || exact.kind === 'directory') return undefined
  return ruleCovers(exact, request) ? exact.text : undefined
}

// A suggestion made of several rules (a compound command's parts) is never taken.
function singleSuggestedRule(suggestions: readonly PermissionUpdate[]): string | undefined {
  const rules = suggestions
    .filter((s) => s.type === 'addRules' && s.behavior === 'allow')
    .flatMap((s) => s.rules ?? [])
  const [only] = rules
  if (rules.length !== 1 || !only || only.ruleContent === undefined) return undefined
  return formatRule({ toolName: only.toolName, ruleContent: only.ruleContent })
}

// A suggested command prefix must be this command's own (ruleCovers: no shell operators in it).
function suggestionFits(rule: AllowRule, request: RuleSubject, options: NarrowOptions): boolean {
  if (!ruleCovers(rule, request)) return false
  return rule.kind !== 'directory' || directoryFits(rule.directory, options)
}

// ruleCovers has checked where the file really leads, so no symlink takes it out of the directory.
function directoryFits(directory: string, options: NarrowOptions): boolean {
  const cwd = options.workingDirectory
  if (!isStrictlyInside(cwd, directory)) return false
  const below = directory.slice(cwd.length + 1).split('/')
  return !below.some((segment) => CONTROL_DIRECTORIES.has(segment))
}

function exactRule(request: RuleSubject): string | undefined {
  if (request.toolName === 'Bash') {
    const command = request.input.command
    if (typeof command !== 'string' || command.includes('*')) return undefined
    return formatRule({ toolName: 'Bash', ruleContent: command })
  }
  if (request.toolName === NETWORK_TOOL) {
    const host = request.input.host
    return typeof host === 'string'
      ? formatRule({ toolName: 'WebFetch', ruleContent: `domain:${host}` })
      : undefined
  }
  const tool = ruleToolFor(request.toolName)
  const path = requestPath(request.toolName, request.input)
  if (!tool || !path || !isExpressiblePath(path)) return undefined
  return formatRule({ toolName: tool, ruleContent: `/${path}` })
}
