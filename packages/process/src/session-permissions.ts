import type { PermissionRequest } from './permissions.js'
import type { PermissionUpdate } from './protocol/control-messages.js'

/**
 * "Allow always" rules for one session, in `--allowedTools` syntax (`Bash`, `Bash(git diff:*)`).
 *
 * Like the Agent SDK's `updatedPermissions`: when the handler allows with `always`, the rules are the
 * CLI's own `addRules`/`allow` suggestions for that request (e.g. `Bash(npm test)`), or the whole tool
 * when it offers none. Other suggestions (`addDirectories`, `setMode`) are not taken: they widen more than
 * the user agreed to. The rules are sent back with `destination: 'session'` so the CLI applies them
 * without writing settings files, and kept here so a request they cover is allowed without asking
 * (also across `--resume`: pass `list()` to `buildArgs({ allowedForSession })`).
 */
export class SessionPermissions {
  private readonly rules = new Set<string>()

  constructor(initial: Iterable<string> = []) {
    for (const rule of initial) this.rules.add(rule)
  }

  /** True when a remembered rule allows this request. */
  covers(request: PermissionRequest): boolean {
    if (this.rules.has(request.toolName)) return true
    return suggestedRules(request).some((rule) => this.rules.has(rule))
  }

  /** Remembers the rules for an "always" answer; returns the `updatedPermissions` to send to the CLI. */
  remember(request: PermissionRequest): PermissionUpdate[] {
    const suggested = request.suggestions.filter(isAllowRules)
    const updates: PermissionUpdate[] =
      suggested.length > 0
        ? suggested.map((s) => ({ ...s, destination: 'session' }))
        : [
            {
              type: 'addRules',
              rules: [{ toolName: request.toolName }],
              behavior: 'allow',
              destination: 'session',
            },
          ]
    for (const update of updates)
      for (const rule of update.rules ?? []) this.rules.add(formatRule(rule))
    return updates
  }

  /** The remembered rules, in `--allowedTools` syntax. */
  list(): string[] {
    return [...this.rules]
  }
}

function isAllowRules(update: PermissionUpdate): boolean {
  return (
    update.type === 'addRules' && update.behavior === 'allow' && (update.rules?.length ?? 0) > 0
  )
}

function suggestedRules(request: PermissionRequest): string[] {
  return request.suggestions.filter(isAllowRules).flatMap((s) => (s.rules ?? []).map(formatRule))
}

function formatRule(rule: { toolName: string; ruleContent?: string | undefined }): string {
  return rule.ruleContent === undefined ? rule.toolName : `${rule.toolName}(${rule.ruleContent})`
}
