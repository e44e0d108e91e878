/** Variable names whose values must never reach a log line. */
const SECRET_NAME = /(^|_)(TOKEN|KEY|SECRET|PASSWORD)$/

/** The bot token plus every *_TOKEN / *_KEY / *_SECRET / *_PASSWORD value of the environment. */
export function collectSecrets(env: Record<string, string | undefined>, token: string): string[] {
  const values = Object.entries(env)
    .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined && value.length > 0)
    .map(([, value]) => value as string)
  return [...new Set([token, ...values])]
}
