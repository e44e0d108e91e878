/** Process exit codes of the bot, for systemd and scripts. */
export const EXIT = {
  ok: 0,
  /** Bad configuration, the data dir is locked, start-up failed, or shutdown had to be forced. */
  failed: 1,
  /** Telegram refused polling: another poller on the token (409) or a revoked token (401). */
  pollingRefused: 2,
} as const
