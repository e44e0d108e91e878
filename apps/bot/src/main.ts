// Placeholder entry point until the bot lands (issue 4): explains the configuration and exits non-zero.
console.error(
  'switchboard: the Telegram bot is not built yet. It will need TELEGRAM_BOT_TOKEN and SWITCHBOARD_ALLOWED_USERS (see .env.example).',
)
process.exitCode = 1
