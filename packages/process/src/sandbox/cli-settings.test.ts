import { expect, test } from 'vitest'
import { buildCliSettings, type SandboxChoice } from './cli-settings.js'
import type { SessionProtection } from './session-protection.js'

const protection: SessionProtection = {
  denyRules: ['Read(//data/personas)', 'Edit(//data/personas)'],
  denyRead: ['/data', '/repo'],
  allowRead: ['/data/sessions/1/a/workspace'],
  allowRules: [],
  denyWrite: ['/w/.claude/settings.json'],
  skipped: [],
}
const on: SandboxChoice = {
  enabled: true,
  autoAllow: false,
  allowedDomains: [],
  hiddenVariables: ['ANTHROPIC_API_KEY'],
  allowBypassPermissions: false,
}

test('no project: the sandbox locked on and the deny rules', () => {
  expect(buildCliSettings(undefined, protection, on)).toEqual({
    permissions: { deny: protection.denyRules, disableBypassPermissionsMode: 'disable' },
    sandbox: {
      enabled: true,
      failIfUnavailable: true,
      allowUnsandboxedCommands: false,
      autoAllowBashIfSandboxed: false,
      filesystem: {
        denyRead: ['/data', '/repo'],
        allowRead: protection.allowRead,
        denyWrite: ['/w/.claude/settings.json'],
      },
      network: { allowedDomains: [], deniedDomains: [] },
      credentials: { files: [], envVars: [{ name: 'ANTHROPIC_API_KEY', mode: 'deny' }] },
    },
  })
})

test("a project's rules and hooks are kept, its deny rules come first, it cannot loosen the sandbox", () => {
  const hooks = { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'x' }] }] }
  const project = {
    permissions: {
      allow: ['Bash(npm test:*)', 'Edit(//home/u/**)', 'Write'],
      deny: ['Read(./secrets/**)'],
      additionalDirectories: ['/home/u'],
    },
    hooks,
    sandbox: {
      enabled: false,
      allowUnsandboxedCommands: true,
      autoAllowBashIfSandboxed: true,
      excludedCommands: ['docker *'],
      filesystem: { allowWrite: ['~/'], denyRead: ['/srv/private'], denyWrite: ['./dist'] },
      network: { allowedDomains: ['*'], deniedDomains: ['evil.example'] },
    },
  }
  const settings = buildCliSettings(project, protection, { ...on, autoAllow: true })
  expect(settings.hooks).toEqual(hooks)
  expect(settings.permissions).toEqual({
    allow: ['Bash(npm test:*)'],
    deny: ['Read(./secrets/**)', ...protection.denyRules],
    disableBypassPermissionsMode: 'disable',
  })
  expect(settings.sandbox).toMatchObject({
    enabled: true,
    allowUnsandboxedCommands: false,
    autoAllowBashIfSandboxed: true,
    filesystem: {
      denyRead: ['/srv/private', '/data', '/repo'],
      denyWrite: ['./dist', '/w/.claude/settings.json'],
    },
    network: { allowedDomains: [], deniedDomains: ['evil.example'] },
  })
  expect(JSON.stringify(settings.sandbox)).not.toMatch(/allowWrite|excludedCommands|"\*"/)
})

test("sandbox off: deny rules only, a project's own sandbox settings untouched", () => {
  const project = { sandbox: { enabled: true } }
  const settings = buildCliSettings(project, protection, { ...on, enabled: false })
  expect(settings).toEqual({
    sandbox: { enabled: true },
    permissions: { deny: protection.denyRules, disableBypassPermissionsMode: 'disable' },
  })
})

test("a project's defaultMode bypassPermissions is disabled unless the operator allows bypass", () => {
  const project = { permissions: { defaultMode: 'bypassPermissions', allow: ['Bash(ls)'] } }
  expect(buildCliSettings(project, protection, on).permissions).toMatchObject({
    defaultMode: 'default',
    disableBypassPermissionsMode: 'disable',
  })
  const allowed = buildCliSettings(project, protection, { ...on, allowBypassPermissions: true })
  expect(allowed.permissions).not.toHaveProperty('disableBypassPermissionsMode')
  expect(allowed.permissions).toMatchObject({ defaultMode: 'bypassPermissions' })
})
