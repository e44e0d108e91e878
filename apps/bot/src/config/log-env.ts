import { z } from 'zod'

/** The logging variables (a group of config/env.ts). */
export const LogEnvSchema = z.object({
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error:
        'expected one of fatal, error, warn, info, debug, trace, silent; leave it empty for info',
    })
    .default('info'),
  SWITCHBOARD_LOG_FORMAT: z
    .enum(['auto', 'pretty', 'json'], {
      error:
        'expected "pretty" (one readable line per event), "json" (JSON lines, for journald or a log shipper) or "auto" (pretty on a terminal, JSON otherwise; the default)',
    })
    .default('auto'),
})
