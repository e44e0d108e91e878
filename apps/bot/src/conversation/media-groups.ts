/**
 * Albums: Telegram sends the items of a media group (photos/documents sent together) as separate
 * updates sharing a `media_group_id`, with no marker for the last one. Items are collected per key
 * until none arrived for `windowMs`, so the album becomes one turn instead of one per item.
 */

export const DEFAULT_ALBUM_WINDOW_MS = 1000

interface Collecting<T> {
  items: T[]
  timer: NodeJS.Timeout
  done: (items: T[]) => void
}

export class MediaGroups<T> {
  private readonly groups = new Map<string, Collecting<T>>()

  constructor(private readonly windowMs = DEFAULT_ALBUM_WINDOW_MS) {}

  /**
   * Adds an item to the group `key`. The first item gets a promise of all the group's items
   * (resolved `windowMs` after the last one); later items get undefined (they ride along).
   */
  add(key: string, item: T): Promise<T[]> | undefined {
    const open = this.groups.get(key)
    if (open) {
      open.items.push(item)
      open.timer.refresh()
      return undefined
    }
    return new Promise<T[]>((resolve) => {
      const group: Collecting<T> = {
        items: [item],
        timer: setTimeout(() => {
          this.groups.delete(key)
          group.done(group.items)
        }, this.windowMs),
        done: resolve,
      }
      this.groups.set(key, group)
    })
  }
}
