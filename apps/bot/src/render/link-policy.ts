/** Which link targets may become `<a href>`: Telegram rejects or mangles anything else. */

const ALLOWED_SCHEME = /^(https?:\/\/|tg:\/\/|mailto:)/i

/** True when `href` is absolute with a scheme Telegram accepts (http, https, tg, mailto). */
export function isAllowedHref(href: string): boolean {
  return ALLOWED_SCHEME.test(href) && !/[\s<>"]/.test(href) && href.length <= 2048
}
