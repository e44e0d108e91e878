import { unique } from '../unique.js'
import type { SessionProtection } from './session-protection.js'

/** How a session's Bash runs: Claude Code's sandbox on or off, and what it may do unasked. */
export interface SandboxChoice {
  enabled: boolean
  /** `autoAllowBashIfSandboxed`: sandboxed commands run without a prompt. */
  autoAllow: boolean
  /** Hosts sandboxed commands may reach without a prompt. */
  allowedDomains: readonly string[]
  /** Variables unset for sandboxed commands (the CLI itself keeps them). */
  hiddenVariables: readonly string[]
  /** Unless true, bypassPermissions is disabled whatever the project or a flag asks for. */
  allowBypassPermissions: boolean
}

type Settings = Record<string, unknown>

/**
 * The settings object a session's CLI gets with `--settings`: a bound project's own settings (rules,
 * hooks, everything else) with the protection added. Our deny rules are appended to the project's;
 * on the sandbox, ours win — the project may only add what it denies (paths, domains), never loosen
 * it (its `allowWrite`, `allowRead`, `allowedDomains`, `excludedCommands`… are dropped).
 */
export function buildCliSettings(
  project: Settings | undefined,
  protection: SessionProtection,
  sandbox: SandboxChoice,
): Settings {
  const base: Settings = { ...project }
  const { additionalDirectories: _widens, ...permissions } = record(base.permissions)
  base.permissions = {
    ...permissions,
    // The CLI turns a project's Edit allow rules and additional directories into places sandboxed
    // commands may write: kept out, they only mean more prompts, never less protection.
    ...(Array.isArray(permissions.allow) || protection.allowRules.length > 0
      ? {
          allow: unique([
            ...strings(permissions.allow).filter(isNotWriteRule),
            ...protection.allowRules,
          ]),
        }
      : {}),
    deny: unique([...strings(permissions.deny), ...protection.denyRules]),
    // A project's `defaultMode: "bypassPermissions"` would otherwise switch every prompt off (checked
    // with CLI 2.1.330); the CLI's own switch forces `default` even against the flag.
    ...(sandbox.allowBypassPermissions
      ? {}
      : {
          disableBypassPermissionsMode: 'disable',
          ...(permissions.defaultMode === 'bypassPermissions' ? { defaultMode: 'default' } : {}),
        }),
  }
  if (sandbox.enabled) base.sandbox = sandboxSection(record(base.sandbox), protection, sandbox)
  return base
}

function sandboxSection(project: Settings, protection: SessionProtection, choice: SandboxChoice) {
  const filesystem = record(project.filesystem)
  const network = record(project.network)
  const credentials = record(project.credentials)
  return {
    enabled: true,
    // Never run a command unconfined: not when the sandbox cannot start, not when the model asks.
    failIfUnavailable: true,
    allowUnsandboxedCommands: false,
    autoAllowBashIfSandboxed: choice.autoAllow,
    filesystem: {
      denyRead: unique([...strings(filesystem.denyRead), ...protection.denyRead]),
      allowRead: protection.allowRead,
      denyWrite: unique([...strings(filesystem.denyWrite), ...protection.denyWrite]),
    },
    network: {
      allowedDomains: [...choice.allowedDomains],
      deniedDomains: strings(network.deniedDomains),
    },
    credentials: {
      files: Array.isArray(credentials.files) ? credentials.files : [],
      envVars: [
        ...(Array.isArray(credentials.envVars) ? credentials.envVars : []),
        ...choice.hiddenVariables.map((name) => ({ name, mode: 'deny' })),
      ],
    },
  }
}

const WRITE_TOOLS = /^(Edit|Write|MultiEdit|NotebookEdit)(\(|$)/

function isNotWriteRule(rule: string): boolean {
  return !WRITE_TOOLS.test(rule.trim())
}

function record(value: unknown): Settings {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Settings)
    : {}
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}
