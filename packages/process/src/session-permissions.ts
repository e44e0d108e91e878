import {
  type AllowRule,
  classifyRule,
  type RuleSubject,
  ruleCovers,
} from './permission-rules/allow-rule.js'
import { parseRule, sessionRuleUpdate } from './permission-rules/rule-text.js'
import type { PermissionUpdate } from './protocol/control-messages.js'

/**
 * The "always" rules of one session, in the CLI's syntax (`Bash(npm test *)`, `Read(//etc/hosts)`).
 *
 * Each is one request's `alwaysRule` (see `narrowAlwaysRule`): sent back to the CLI as
 * `updatedPermissions` with `destination: 'session'` (no settings file is written) and kept here, so a
 * request it covers is allowed without asking (the CLI still asks, e.g., when a command writes a file).
 * Rules that are not one of the narrow kinds (a whole tool, a wildcard) are never taken, also not from
 * an earlier process; pass `list()` to `buildArgs({ allowedForSession })` for a resumed process.
 */
export class SessionPermissions {
  private readonly rules = new Map<string, AllowRule>()
  /** Rules given to the constructor that were dropped because they are not narrow. */
  readonly rejected: string[] = []

  constructor(initial: Iterable<string> = []) {
    for (const text of initial) {
      const rule = classifyRule(text)
      if (rule) this.rules.set(text, rule)
      else this.rejected.push(text)
    }
  }

  /** True when a remembered rule allows this request. */
  covers(request: RuleSubject): boolean {
    for (const rule of this.rules.values()) if (ruleCovers(rule, request)) return true
    return false
  }

  /**
   * Remembers one narrow rule; returns the `updatedPermissions` for the CLI, or undefined when the rule
   * is not narrow (nothing is remembered: the answer counts as a one-time allow).
   */
  remember(text: string): PermissionUpdate[] | undefined {
    const rule = classifyRule(text)
    const value = parseRule(text)
    if (!rule || !value) return undefined
    this.rules.set(text, rule)
    return [sessionRuleUpdate(value)]
  }

  /** Stops answering for `text` (the CLI keeps its own copy until the process is restarted). */
  forget(text: string): boolean {
    return this.rules.delete(text)
  }

  /** The remembered rules, oldest first. */
  list(): string[] {
    return [...this.rules.keys()]
  }
}
