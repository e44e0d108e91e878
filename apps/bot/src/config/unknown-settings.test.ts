import { expect, test } from 'vitest'
import { unknownSettings } from './unknown-settings.js'

const known = ['SWITCHBOARD_MAX_LIVE', 'SWITCHBOARD_ALLOWED_USERS', 'TELEGRAM_BOT_TOKEN']

test('a misspelt setting is named, with the setting it probably meant', () => {
  expect(
    unknownSettings(
      {
        SWITCHBOARD_MAXLIVE: '8',
        SWITCHBOARD_ALLOWED_USER: '1',
        SWITCHBOARD_WHATEVER: 'x',
        SWITCHBOARD_EMPTY_TYPO: '',
        TELEGRAM_BOT_TOKN: 't',
        TELEGRAM_CHAT_ID: 'other tool',
        SWITCHBOARD_MAX_LIVE: '4',
        PATH: '/bin',
      },
      known,
    ),
  ).toEqual([
    {
      variable: 'SWITCHBOARD_MAXLIVE',
      message: expect.stringContaining('did you mean SWITCHBOARD_MAX_LIVE?'),
    },
    {
      variable: 'SWITCHBOARD_ALLOWED_USER',
      message: expect.stringContaining('did you mean SWITCHBOARD_ALLOWED_USERS?'),
    },
    {
      variable: 'SWITCHBOARD_WHATEVER',
      message: 'is not a Switchboard setting, so it is ignored: .env.example lists the settings',
    },
    {
      variable: 'TELEGRAM_BOT_TOKN',
      message: expect.stringContaining('did you mean TELEGRAM_BOT_TOKEN?'),
    },
  ])
})
