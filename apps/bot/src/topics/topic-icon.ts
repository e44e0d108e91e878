/** The icon colour of a session's topic: one per persona, the same on every run. */

import { type TopicIconColor, TopicIconColors } from '../telegram/bot-api/index.js'

const COLORS: readonly TopicIconColor[] = Object.values(TopicIconColors)

/** The default persona is always blue; others get a colour from a hash of their name (FNV-1a). */
export function iconColorFor(persona: string): TopicIconColor {
  if (persona === 'default') return TopicIconColors.blue
  let hash = 0x811c9dc5
  for (let i = 0; i < persona.length; i++) {
    hash ^= persona.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return COLORS[hash % COLORS.length] ?? TopicIconColors.blue
}
