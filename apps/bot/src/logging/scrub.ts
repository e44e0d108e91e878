/**
 * Replaces every secret in `text` by "[redacted]", also in its JSON-escaped form (a secret with a
 * quote or backslash appears escaped in a JSON line). Secrets shorter than 8 characters are ignored:
 * they would redact ordinary words.
 */
export function secretScrubber(secrets: readonly string[]): (text: string) => string {
  const forms = [
    ...new Set(
      secrets
        .filter((secret) => secret.length >= 8)
        .flatMap((secret) => [secret, JSON.stringify(secret).slice(1, -1)]),
    ),
  ]
  return (text) => forms.reduce((out, form) => out.replaceAll(form, '[redacted]'), text)
}
