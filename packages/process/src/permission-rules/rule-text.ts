import type { PermissionUpdate } from '../protocol/control-messages.js'

/** A rule split into its parts, as `updatedPermissions` carries it: `Bash(npm test *)` → Bash + `npm test *`. */
export interface RuleValue {
  toolName: string
  ruleContent: string
}

/** Longest rule content we write: argv and settings carry it, replies quote an excerpt of it. */
export const MAX_RULE_CONTENT = 2000

const TOOL_NAME = /^[A-Z][A-Za-z0-9_]{0,63}$/
// The CLI reads `--allowedTools` by tracking one level of parentheses (a `)` ends it, so a `) Bash ` in
// the content would split off a whole-tool rule) and unescapes `\\`, `\(`, `\)`: content carrying any
// of them, or a control character, cannot round-trip, so we never write it.
const UNCARRIABLE = /[()\\\p{Cc}\u2028\u2029]/u

/** True when `content` survives `Tool(content)` in the CLI's syntax unchanged and is never a whole-tool rule. */
export function isCarriable(content: string): boolean {
  return (
    content.length > 0 &&
    content.length <= MAX_RULE_CONTENT &&
    content !== '*' &&
    content.trim() === content &&
    !UNCARRIABLE.test(content)
  )
}

/** `Tool(content)` in the CLI's rule syntax; undefined when the content cannot be carried. */
export function formatRule(value: RuleValue): string | undefined {
  if (!TOOL_NAME.test(value.toolName) || !isCarriable(value.ruleContent)) return undefined
  return `${value.toolName}(${value.ruleContent})`
}

/** The inverse of formatRule; undefined for anything else (whole-tool rules included). */
export function parseRule(text: string): RuleValue | undefined {
  const open = text.indexOf('(')
  if (open < 1 || !text.endsWith(')')) return undefined
  const value = { toolName: text.slice(0, open), ruleContent: text.slice(open + 1, -1) }
  return formatRule(value) === text ? value : undefined
}

/** The `updatedPermissions` entry that adds `rule` to the CLI's rules for this session only. */
export function sessionRuleUpdate(value: RuleValue): PermissionUpdate {
  const rule = { toolName: value.toolName, ruleContent: value.ruleContent }
  return { type: 'addRules', rules: [rule], behavior: 'allow', destination: 'session' }
}
