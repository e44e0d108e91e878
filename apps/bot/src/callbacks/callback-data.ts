import { z } from 'zod'

/**
 * Wire format of every inline button: "sb1:<group token>:<button index>" — opaque, well under
 * Telegram's 64-byte limit; what a button does lives on the server (callback-store.ts).
 */
export const CallbackDataSchema = z
  .string()
  .max(64)
  .regex(/^sb1:([A-Za-z0-9_-]{8,32}):(\d{1,2})$/)
  .transform((data) => {
    const [, group = '', index = '0'] = data.split(':')
    return { group, index: Number(index) }
  })
export type CallbackData = z.output<typeof CallbackDataSchema>

export function formatCallbackData(group: string, index: number): string {
  return `sb1:${group}:${index}`
}
