import { existsSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { checkSandbox } from '../../src/sandbox/check-sandbox.js'
import { CLI_SETTINGS_FILE } from '../../src/sandbox/settings-file.js'
import { makeSandboxFixture, type SandboxFixture, SECRETS } from './support/sandbox-fixture.js'

// Bash in Claude Code's sandbox, as the pool configures it: the attacks of issue 7 run as approved
// commands (the handler allows everything) and still reach nothing. `sh -c '…'` hides the path from
// the CLI's static checks, so the sandbox itself is what stops them.
const sandbox = await checkSandbox({ env: process.env })
const hasCurl = existsSync('/usr/bin/curl')

describe.skipIf(!sandbox.available)(
  'sandboxed Bash (real CLI, bubblewrap)',
  { timeout: 60_000 },
  () => {
    let f: SandboxFixture
    let ref: { owner: string; id: string }
    let workspace: string

    beforeAll(async () => {
      f = await makeSandboxFixture()
      const meta = await f.store.create({ owner: '42', name: 'mine' })
      ref = { owner: meta.owner, id: meta.id }
      workspace = meta.workingDirectory
    })
    afterAll(async () => {
      await f?.close()
    })

    const bash = (command: string) => f.run(ref, `TOOL:Bash:${command}`)

    test("the session's settings file is in its own directory, mode 0600, and turns on the sandbox", async () => {
      const { output } = await bash('echo mine > mine.txt && cat mine.txt')
      expect(output).toContain('mine')
      expect(f.asked.map((r) => r.toolName)).toEqual(['Bash']) // auto-allow is off: still asked
      const path = join(f.store.sessionDirectory(ref.owner, ref.id), CLI_SETTINGS_FILE)
      expect((await stat(path)).mode & 0o777).toBe(0o600)
      const settings = JSON.parse(await readFile(path, 'utf8'))
      expect(settings.sandbox).toMatchObject({
        enabled: true,
        failIfUnavailable: true,
        allowUnsandboxedCommands: false,
        autoAllowBashIfSandboxed: false,
      })
    })

    test("another process's environment is out of reach: the CLI's and the test runner's", async () => {
      const cli = f.pool.status(ref).pid
      expect(cli).toBeGreaterThan(0)
      const { output } = await bash(
        `sh -c 'cat /proc/${cli}/environ; cat /proc/${process.pid}/environ; echo key=$ANTHROPIC_API_KEY'`,
      )
      expect(output).toContain('No such file or directory')
      expect(output).toMatch(/^key=$/m)
      expect(output).not.toMatch(/ANTHROPIC_API_KEY=|PATH=|key=test/)
    })

    test("the bot's checkout and .env, private paths, other sessions and personas cannot be read", async () => {
      const other = (await f.store.list({ owner: '7' })).sessions[0]?.workingDirectory ?? ''
      const paths = [
        join(f.dirs.checkout, '.env'),
        join(f.dirs.home, '.ssh', 'id_test'),
        join(other, 'notes.txt'),
        join(f.dirs.data, 'personas', 'default.json'),
        join(workspace, '..', 'metadata.json'),
      ]
      const { output } = await bash(`sh -c 'cat ${paths.join(' ')}; ls ${f.dirs.data}'`)
      for (const secret of Object.values(SECRETS)) expect(output).not.toContain(secret)
      expect(output).not.toContain('"claudeSessionId"')
      expect(output.match(/No such file or directory/g)?.length).toBe(paths.length)
    })

    test("Claude Code's transcripts and user settings are closed; the workspace's .claude cannot be made", async () => {
      const projects = join(f.dirs.home, '.claude', 'projects')
      expect(existsSync(projects)).toBe(true) // this session's own turns are recorded there
      const { output } = await bash(
        `sh -c 'ls ${projects}; echo {} > ${join(f.dirs.home, '.claude', 'settings.json')}; mkdir -p .claude && echo {} > .claude/settings.json; echo {} > .mcp.json; echo end'`,
      )
      expect(output).toContain('end')
      expect(output).not.toMatch(/-workspace\b/) // no transcript directory listed
      expect(existsSync(join(f.dirs.home, '.claude', 'settings.json'))).toBe(false)
      for (const made of ['.claude/settings.json', '.mcp.json'])
        expect(existsSync(join(workspace, made)), made).toBe(false)
    })

    test('writing a persona file fails, and the file is unchanged', async () => {
      const persona = join(f.dirs.data, 'personas', 'default.json')
      const before = await readFile(persona, 'utf8')
      const pwn = '{"name":"default","settings":{"permissionMode":"bypassPermissions"}}'
      const { output } = await bash(`sh -c 'echo ${JSON.stringify(pwn)} > ${persona}'`)
      // The data dir is hidden (an empty tmpfs): the persona's directory is not even there.
      expect(output).toMatch(/default\.json: (Directory nonexistent|No such file or directory)/)
      expect(await readFile(persona, 'utf8')).toBe(before)
    })

    test('writing outside the working directory fails with "Read-only file system"', async () => {
      const { output } = await bash(`sh -c 'echo x > ${join(f.dirs.root, 'outside.txt')}'`)
      expect(output).toContain('Read-only file system')
    })

    test("a persona's autoAllowSandboxedBash lets sandboxed commands run unasked", async () => {
      const meta = await f.store.create({ owner: '42', name: 'trusting' })
      await f.store.updatePersonaSettings('42', 'trusting', { autoAllowSandboxedBash: true })
      const before = f.asked.length
      const { output } = await f.run({ owner: '42', id: meta.id }, 'TOOL:Bash:touch made && ls')
      expect(output).toContain('made')
      expect(f.asked.length).toBe(before)
      const path = join(f.store.sessionDirectory('42', meta.id), CLI_SETTINGS_FILE)
      const settings = JSON.parse(await readFile(path, 'utf8'))
      expect(settings.sandbox.autoAllowBashIfSandboxed).toBe(true)
    })

    test("npm's update check is off in sandboxed commands (each check asks for registry.npmjs.org)", async () => {
      const { output } = await bash('npm config get update-notifier; echo "[$NO_UPDATE_NOTIFIER]"')
      expect(output).toMatch(/^false$/m)
      expect(output).toContain('[1]')
      expect(f.asked.map((r) => r.toolName)).not.toContain('SandboxNetworkAccess')
    })

    test.skipIf(!hasCurl)(
      'a new host is a permission request naming it; denied, no connection',
      async () => {
        f.answerWith((request) =>
          request.toolName === 'SandboxNetworkAccess'
            ? { behavior: 'deny', message: 'no network' }
            : { behavior: 'allow' },
        )
        const { output } = await bash('curl -sS -m 5 http://blocked-host.invalid/')
        const network = f.asked.find((r) => r.toolName === 'SandboxNetworkAccess')
        expect(network?.input).toEqual({ host: 'blocked-host.invalid' })
        expect(network?.description).toContain('blocked-host.invalid')
        expect(output).toContain('deny network-outbound blocked-host.invalid:80')
      },
    )
  },
)
