// Entry point (`pnpm start`): wires the real pool and conversation into the bot and starts it.
import { ProcessPool } from '@switchboard/process'
import { createConversation } from './conversation/index.js'
import { runBot } from './startup/run-bot.js'

try {
  await runBot({
    env: process.env,
    createPool: (options) => new ProcessPool(options),
    createConversation,
  })
} catch (error) {
  console.error('switchboard: could not start:', error)
  process.exit(1)
}
