/** Variable names whose values must never reach a log line. */
const SECRET_NAME = /(^|_)(TOKEN|KEY|SECRET|PASSWORD)$/

/**
 * The given secrets (the bot token, wherever it was read from; a key from a credential) plus every
 * *_TOKEN / *_KEY / *_SECRET / *_PASSWORD value of the environment.
 */
export function collectSecrets(
  env: Record<string, string | undefined>,
  ...given: (string | undefined)[]
): string[] {
  const values = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length > 0)
    .map(([, value]) => value as string)
  const known = given.filter((value): value is string => value !== undefined && value.length > 0)
  return [...new Set([...known, ...values])]
}
