// Moved to test-utils (the bot's tests drive `switchboard open` too).
export { Pty } from '@switchboard/test-utils'
