import type { Usage } from './sse.js'

// ~4 characters per token, like real English text: gives the CLI non-zero, plausible cost figures.
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4))
}

export function usageFor(requestBody: string, outputText: string): Usage {
  return {
    input_tokens: estimateTokens(requestBody),
    output_tokens: estimateTokens(outputText),
    cache_creation_input_tokens: 0,
    cache_read_input_tokens: 0,
  }
}
