// The fake servers the harness drives (from the private test-utils package).
export type {
  ChatMessage,
  FakeTelegram,
  FakeTelegramOptions,
  FakeUser,
  Update,
} from '@switchboard/test-utils'
export { startFakeTelegram } from '@switchboard/test-utils'
