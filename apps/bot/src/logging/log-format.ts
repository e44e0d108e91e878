import type { LogFormat } from './logger.js'

/** SWITCHBOARD_LOG_FORMAT resolved: auto means pretty on a terminal, JSON anywhere else. */
export function resolveLogFormat(
  setting: 'auto' | LogFormat,
  isTTY: boolean | undefined,
): LogFormat {
  if (setting !== 'auto') return setting
  return isTTY === true ? 'pretty' : 'json'
}
