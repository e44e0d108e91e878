import type { Persona } from '@switchboard/core'
import { describe, expect, test } from 'vitest'
import { BASE_ARGS, buildArgs } from './build-args.js'

const persona = (over: Partial<Persona> = {}): Persona => ({
  name: 'p',
  description: 'd',
  systemPrompt: '',
  settings: {},
  ...over,
})
const noSession = { claudeSessionId: null }
const extra = (args: string[]) => args.slice(BASE_ARGS.length)

describe('buildArgs', () => {
  test('base flags: stream-json both ways, verbose, stdio permission prompts, partial messages by default', () => {
    expect(buildArgs(noSession, persona())).toEqual([
      '-p',
      '--input-format',
      'stream-json',
      '--output-format',
      'stream-json',
      '--verbose',
      '--permission-prompt-tool=stdio',
      '--include-partial-messages',
    ])
    expect(buildArgs(noSession, persona(), { includePartialMessages: false })).not.toContain(
      '--include-partial-messages',
    )
  })

  test('--resume only when asked and the session has an id', () => {
    const session = { claudeSessionId: 'abc-123' }
    expect(
      extra(buildArgs(session, persona(), { resume: true, includePartialMessages: false })),
    ).toEqual(['--resume=abc-123'])
    expect(buildArgs(session, persona())).not.toContain('--resume=abc-123')
    expect(
      buildArgs(noSession, persona(), { resume: true }).some((a) => a.startsWith('--resume')),
    ).toBe(false)
  })

  test('system prompt is appended with = (a leading dash stays a value); blank ones are skipped', () => {
    expect(
      extra(
        buildArgs(noSession, persona({ systemPrompt: '-be brief\nline 2' }), {
          includePartialMessages: false,
        }),
      ),
    ).toEqual(['--append-system-prompt=-be brief\nline 2'])
    expect(
      extra(
        buildArgs(noSession, persona({ systemPrompt: '  ' }), { includePartialMessages: false }),
      ),
    ).toEqual([])
  })

  test.each([
    [{ model: 'claude-x' }, ['--model=claude-x']],
    [{ maxTurns: 7 }, ['--max-turns=7']],
    [{ permissionMode: 'acceptEdits' as const }, ['--permission-mode=acceptEdits']],
    [{ maxBudgetUsd: 2.5 }, ['--max-budget-usd=2.5']],
    [
      { allowedTools: ['Read', 'Bash(git diff:*)'] },
      ['--allowedTools=Read', '--allowedTools=Bash(git diff:*)'],
    ],
    [
      { disallowedTools: ['WebFetch', 'Bash(rm -rf:*)'] },
      ['--disallowedTools=WebFetch', '--disallowedTools=Bash(rm -rf:*)'],
    ],
  ])('setting %o → %o', (settings, flags) => {
    expect(
      extra(buildArgs(noSession, persona({ settings }), { includePartialMessages: false })),
    ).toEqual(flags)
  })

  test('rules allowed for the session join the persona allow-list, without duplicates', () => {
    const args = buildArgs(noSession, persona({ settings: { allowedTools: ['Read'] } }), {
      includePartialMessages: false,
      allowedForSession: ['Bash(echo hi)', 'Read'],
    })
    expect(extra(args)).toEqual(['--allowedTools=Read', '--allowedTools=Bash(echo hi)'])
  })

  test('session rules that are not narrow (whole tools, wildcards) never reach --allowedTools', () => {
    const args = buildArgs(noSession, persona(), {
      includePartialMessages: false,
      allowedForSession: [
        'Bash',
        'Bash(*)',
        'Bash(cat *)',
        'Edit(//home/*.txt)',
        'Bash(npm test *)',
      ],
    })
    expect(extra(args)).toEqual(['--allowedTools=Bash(npm test *)'])
  })

  test("a settings file (a bound project's .claude/settings.json) goes to --settings", () => {
    const args = buildArgs(noSession, persona(), {
      includePartialMessages: false,
      settingsFile: '/srv/app/.claude/settings.json',
    })
    expect(extra(args)).toEqual(['--settings=/srv/app/.claude/settings.json'])
  })

  test('is pure: the base list is not mutated', () => {
    buildArgs(noSession, persona({ settings: { model: 'm' } })).push('--x')
    expect(BASE_ARGS).toHaveLength(7)
  })
})
