/**
 * Albums: Telegram sends the items of a media group (photos/documents sent together) as separate
 * updates sharing a `media_group_id`, with no marker for the last one. Items join a group per key
 * until none arrived for `windowMs`, so the album becomes one turn instead of one per item.
 */

export const DEFAULT_ALBUM_WINDOW_MS = 1000

/** One album being collected; `handle` is what its first item made of it (for the later items). */
export interface MediaGroup<H> {
  /** Resolves `windowMs` after the group's last item joined. */
  readonly closed: Promise<void>
  handle: Promise<H | undefined> | undefined
}

interface Collecting<H> {
  group: MediaGroup<H>
  timer: NodeJS.Timeout
}

export class MediaGroups<H> {
  private readonly groups = new Map<string, Collecting<H>>()

  constructor(private readonly windowMs = DEFAULT_ALBUM_WINDOW_MS) {}

  /** Adds an item to the group `key`; `first` is true for the item that opened it. */
  join(key: string): { first: boolean; group: MediaGroup<H> } {
    const open = this.groups.get(key)
    if (open) {
      open.timer.refresh()
      return { first: false, group: open.group }
    }
    let close!: () => void
    const group: MediaGroup<H> = {
      closed: new Promise<void>((resolve) => {
        close = resolve
      }),
      handle: undefined,
    }
    const timer = setTimeout(() => {
      this.groups.delete(key)
      close()
    }, this.windowMs)
    this.groups.set(key, { group, timer })
    return { first: true, group }
  }
}
