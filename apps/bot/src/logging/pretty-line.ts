import { styleText } from 'node:util'

// A pino JSON record as one readable terminal line:
//   14:03:04 WARN  Telegram is not reachable …  component=pool delayMs=2000 err="TypeError: boom"
// Always one line: newlines in values are shown as ⏎, an error as its type and message (plus where
// it was thrown, for an unexpected one), never its whole stack (SWITCHBOARD_LOG_FORMAT=json keeps it).

const LEVELS: Record<number, [label: string, style: Parameters<typeof styleText>[0]]> = {
  10: ['TRACE', 'gray'],
  20: ['DEBUG', 'gray'],
  30: ['INFO ', 'green'],
  40: ['WARN ', 'yellow'],
  50: ['ERROR', 'red'],
  60: ['FATAL', ['bgRed', 'white']],
}
/** Fields every line has or no reader needs on a terminal. */
const HIDDEN = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname'])
const ERROR_KEYS = new Set(['err', 'error'])
const MAX_VALUE = 300

export type Paint = (style: Parameters<typeof styleText>[0], text: string) => string

export const noPaint: Paint = (_style, text) => text

/** Colours when `stream` is a terminal that wants them (hasColors() honours NO_COLOR, FORCE_COLOR). */
export function paintFor(stream: NodeJS.WriteStream): Paint {
  if (stream.isTTY !== true || !stream.hasColors()) return noPaint
  return (style, text) => styleText(style, text, { validateStream: false })
}

export function prettyLine(record: Record<string, unknown>, paint: Paint = noPaint): string {
  const [label, style] = LEVELS[Number(record.level)] ?? ['LOG  ', 'white']
  const time = typeof record.time === 'number' ? clock(new Date(record.time)) : ''
  const fields = Object.entries(record)
    .filter(([key]) => !HIDDEN.has(key))
    .sort(([a], [b]) => Number(ERROR_KEYS.has(a)) - Number(ERROR_KEYS.has(b))) // the error last
    .map(([key, value]) => `${paint('dim', `${key}=`)}${show(key, value)}`)
  const msg = oneLine(typeof record.msg === 'string' ? record.msg : '')
  return [paint('dim', time), paint(style, label), msg, ...fields].filter(Boolean).join(' ')
}

/** HH:MM:SS in local time: what a person at the terminal reads a clock as. */
export const clock = (date: Date) =>
  [date.getHours(), date.getMinutes(), date.getSeconds()]
    .map((n) => String(n).padStart(2, '0'))
    .join(':')

function show(key: string, value: unknown): string {
  if (ERROR_KEYS.has(key) && isErrorLike(value)) return quote(errorText(value))
  if (typeof value === 'string') return quote(value)
  return clip(oneLine(JSON.stringify(value) ?? String(value)))
}

type ErrorLike = { type?: unknown; message: string; stack?: unknown; code?: unknown }
const isErrorLike = (value: unknown): value is ErrorLike =>
  typeof value === 'object' && value !== null && typeof (value as ErrorLike).message === 'string'

/** "Type: message (code) at file:line" — the first frame only, so the line stays one line. */
function errorText(error: ErrorLike): string {
  const type = typeof error.type === 'string' ? error.type : 'Error'
  const code = typeof error.code === 'string' ? ` (${error.code})` : ''
  const frame =
    typeof error.stack === 'string' ? /\n\s+at (.+)/.exec(error.stack)?.[1]?.trim() : undefined
  return `${type}: ${error.message}${code}${frame ? ` at ${frame}` : ''}`
}

const oneLine = (text: string) => text.replace(/\r?\n/g, ' ⏎ ')
const clip = (text: string) => (text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text)
const quote = (text: string) => {
  const line = clip(oneLine(text))
  return /^[^\s"=]+$/.test(line) ? line : JSON.stringify(line)
}
