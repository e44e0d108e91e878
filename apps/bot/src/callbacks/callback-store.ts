import { randomBytes } from 'node:crypto'
import { CallbackDataSchema, formatCallbackData } from './callback-data.js'

export type TakeResult<A> =
  | { ok: true; action: A; group: string }
  | { ok: false; reason: 'invalid' | 'expired' | 'not_owner' }

interface Group<A> {
  ownerId: number
  expiresAt: number
  actions: A[]
}

/**
 * Server-side meaning of inline buttons. Buttons are created in groups (e.g. Allow / Always / Deny of
 * one permission prompt); pressing one consumes the whole group, so a repeated or stale press is
 * "expired", and only the user the buttons were made for can press them.
 */
export class CallbackStore<A> {
  private readonly groups = new Map<string, Group<A>>()

  constructor(private readonly now: () => number = Date.now) {}

  /** Registers one button group; returns its id and the callback data of each action, in order. */
  create(ownerId: number, actions: readonly A[], ttlMs: number): { group: string; data: string[] } {
    this.sweep()
    const group = randomBytes(9).toString('base64url')
    this.groups.set(group, { ownerId, expiresAt: this.now() + ttlMs, actions: [...actions] })
    return { group, data: actions.map((_, index) => formatCallbackData(group, index)) }
  }

  /**
   * Registers a group under a token made earlier (a button that must outlive a restart keeps its
   * token on disk and is restored at start-up); an invalid token is ignored.
   */
  restore(group: string, ownerId: number, actions: readonly A[], expiresAt: number): void {
    if (!CallbackDataSchema.safeParse(formatCallbackData(group, 0)).success) return
    this.groups.set(group, { ownerId, expiresAt, actions: [...actions] })
  }

  /** Resolves a button press; on success the group is consumed. */
  take(data: string | undefined, userId: number): TakeResult<A> {
    const parsed = CallbackDataSchema.safeParse(data)
    if (!parsed.success) return { ok: false, reason: 'invalid' }
    const { group, index } = parsed.data
    const entry = this.groups.get(group)
    if (!entry || entry.expiresAt <= this.now()) {
      this.groups.delete(group)
      return { ok: false, reason: 'expired' }
    }
    if (entry.ownerId !== userId) return { ok: false, reason: 'not_owner' }
    const action = entry.actions[index]
    if (action === undefined) return { ok: false, reason: 'invalid' }
    this.groups.delete(group)
    return { ok: true, action, group }
  }

  /** Ends a group early (e.g. the permission request timed out). */
  expire(group: string): void {
    this.groups.delete(group)
  }

  private sweep(): void {
    const now = this.now()
    for (const [group, entry] of this.groups) if (entry.expiresAt <= now) this.groups.delete(group)
  }
}
