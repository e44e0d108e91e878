import { z } from 'zod'

const proxyUrl = (variable: string) =>
  z
    .url({
      protocol: /^https?$/,
      error: `expected the proxy as an http(s) URL, e.g. http://proxy.lan:3128 (the bot reaches Telegram through it; ${variable} is also passed to Claude Code); leave it empty for none`,
    })
    .optional()

/**
 * The proxy variables (a group of config/env.ts). The bot reaches an https Bot API through
 * HTTPS_PROXY (or https_proxy), honouring NO_PROXY; Claude Code gets them through its environment.
 */
export const ProxyEnvSchema = z.object({
  HTTPS_PROXY: proxyUrl('HTTPS_PROXY'),
  https_proxy: proxyUrl('https_proxy'),
  NO_PROXY: z.string().optional(),
  no_proxy: z.string().optional(),
})

export type ProxyEnv = z.output<typeof ProxyEnvSchema>
