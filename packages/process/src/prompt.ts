/**
 * What a turn sends to Claude: plain text, or text with images (the Messages API's image content
 * blocks, base64). Kept apart from the text so the text alone can still name the turn in errors
 * and replays, and so an image never reaches a log line.
 */

/** The image types the Messages API accepts. */
export const IMAGE_MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const
export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number]

/** One image of a prompt: its media type and its bytes, base64-encoded. */
export interface PromptImage {
  mediaType: ImageMediaType
  data: string
}

/** A user message: text, or text with images. */
export type Prompt = string | { text: string; images: readonly PromptImage[] }

/** The text of a prompt (without its images). */
export function promptText(prompt: Prompt): string {
  return typeof prompt === 'string' ? prompt : prompt.text
}
