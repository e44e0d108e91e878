/** One unref'd timer (it never keeps the bot alive), re-armed on every use and cleared on stop. */
export class IdleTimer {
  private timer: NodeJS.Timeout | undefined

  constructor(
    private readonly ms: number,
    private readonly onIdle: () => void,
  ) {}

  arm(): void {
    this.clear()
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.onIdle()
    }, this.ms)
    this.timer.unref()
  }

  clear(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = undefined
  }
}
