import { homedir } from 'node:os'
import { isAbsolute } from 'node:path'
import { z } from 'zod'
import { ProcessError } from '../errors.js'
import type { PoolSandboxOptions } from '../pool/types.js'
import { CLI_SECRET_VARIABLES, DEFAULT_PRIVATE_PATHS, privatePathsFor } from './protected-paths.js'
import type { ProtectedPaths } from './session-protection.js'

/** The pool's sandbox options, checked, with defaults and `~` expanded. */
export interface ResolvedSandbox {
  enabled: boolean
  autoAllow: boolean
  allowedDomains: string[]
  hiddenVariables: readonly string[]
  allowBypassPermissions: boolean
  protect: ProtectedPaths
}

const absolute = z.string().refine(isAbsolute, 'expected an absolute path')
const OptionsSchema = z.object({
  enabled: z.boolean(),
  autoAllow: z.boolean().default(false),
  allowBypassPermissions: z.boolean().default(false),
  allowedDomains: z.array(z.string().regex(/^[\w*.-]+$/, 'expected a host name')).default([]),
  dataDir: absolute,
  protectedPaths: z.array(absolute).default([]),
  privatePaths: z
    .array(z.string().refine((p) => isAbsolute(p) || p.startsWith('~/'), 'expected /… or ~/…'))
    .default([...DEFAULT_PRIVATE_PATHS]),
})

/** Validates `ProcessPoolOptions.sandbox` against the CLI's environment; the error names the option. */
export function resolveSandboxOptions(
  options: PoolSandboxOptions | undefined,
  env: Readonly<Record<string, string>>,
): ResolvedSandbox | undefined {
  if (options === undefined) return undefined
  const parsed = OptionsSchema.safeParse(options)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const name = ['sandbox', ...(issue?.path ?? [])].join('.')
    throw new ProcessError(
      'INVALID_OPTION',
      `ProcessPool option ${name} is invalid: ${issue?.message ?? 'invalid'}`,
    )
  }
  const { dataDir, protectedPaths, privatePaths, ...choice } = parsed.data
  return {
    ...choice,
    hiddenVariables: CLI_SECRET_VARIABLES,
    protect: {
      dataDir,
      paths: [...protectedPaths, ...privatePathsFor(privatePaths, env, homedir())],
    },
  }
}
