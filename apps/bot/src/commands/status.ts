import { type WorkingDirectoryState, workingDirectoryState } from '@switchboard/core'
import { waitingFileCount } from '../conversation/pending-files.js'
import type { BotDeps } from '../deps.js'
import { escapeHtml } from '../render/html-escape.js'
import { quoteHtml } from '../render/truncate.js'
import { describeSandbox } from '../sandbox/sandbox-state.js'
import { refOf } from '../sessions/session-ref.js'
import { cliStatusLine } from '../startup/cli-check.js'
import { transcriberOf } from '../voice/transcribe.js'
import { activeOrExplain } from './active.js'
import { allowRulesSection } from './allow-rules.js'
import type { Command } from './command.js'
import { contextOrUnknown, readContext } from './context.js'
import { currentPermissionMode } from './current-mode.js'
import { describeLiveState } from './format/live-state.js'
import { relativeTime } from './format/relative-time.js'
import { formatUsage } from './format/usage.js'

/** /status waits this long at most for the CLI's context reading. */
const STATUS_CONTEXT_MS = 2_000

export const statusCommand: Command = {
  name: 'status',
  description: 'The active session: persona, model, mode, process, usage',
  usage: '/status',
  async run(c) {
    const active = await activeOrExplain(c)
    if (!active) return
    const persona = await c.deps.sessions.readPersonaById(active.owner, active.id)
    const live = c.deps.pool.status(refOf(active))
    const model = live.model ?? persona.settings.model ?? 'default'
    const mode = await currentPermissionMode(c.deps, active)
    const where = active.boundToProject ? 'project' : 'workspace'
    const rules = await allowRulesSection(c, active)
    const dirProblem = describeDirectoryProblem(active, await workingDirectoryState(active))
    const waiting = await waitingFileCount(
      c.deps.sessions.sessionDirectory(active.owner, active.id),
    )
    c.reply(
      [
        `<b>${escapeHtml(active.name)}</b> (${active.status}, last active ${relativeTime(active.lastActiveAt)})`,
        `Persona: ${escapeHtml(persona.name)}`,
        `Model: ${escapeHtml(model)}`,
        `Permission mode: ${escapeHtml(mode)}`,
        `Sandbox: ${escapeHtml(describeSandbox(c.deps.sandbox, persona.settings.autoAllowSandboxedBash))}`,
        `Process: ${describeLiveState(live)}${live.pid ? ` (pid ${live.pid})` : ''}`,
        `Queue: ${live.queueLength} waiting`,
        `Files waiting: ${describeWaitingFiles(waiting)}`,
        `Voice: ${describeVoice(c.deps.config)}`,
        `Directory (${where}): <code>${quoteHtml(active.workingDirectory, 1_000)}</code>${dirProblem}`,
        `Usage: ${formatUsage(active.usage)}`,
        `Context: ${contextOrUnknown(await readContext(c.deps, active, STATUS_CONTEXT_MS))}`,
        ...(c.deps.claudeCli ? [escapeHtml(cliStatusLine(c.deps.claudeCli.check))] : []),
        ...rules.lines,
      ].join('\n'),
      rules.rows.length > 0 ? { reply_markup: { inline_keyboard: rules.rows } } : {},
    )
  },
}

/** Files sent without a caption, waiting for the next message (conversation/pending-files.ts). */
function describeWaitingFiles(count: number): string {
  if (count === 0) return 'none'
  return `${count} (sent without a caption: your next message runs with ${count === 1 ? 'it' : 'them'})`
}

/** Whether voice notes can be transcribed: the model only (the URL may carry credentials). */
function describeVoice(config: BotDeps['config']): string {
  const transcriber = transcriberOf(config)
  return transcriber === undefined
    ? 'not set up (the bot’s owner sets SWITCHBOARD_TRANSCRIBE_URL)'
    : `transcribed (${escapeHtml(transcriber.model)})`
}

/** A missing working directory, said where /status shows the directory. */
function describeDirectoryProblem(
  session: { boundToProject: boolean },
  state: WorkingDirectoryState,
): string {
  if (state === 'ok') return ''
  const what = state === 'missing' ? 'missing' : 'not a directory'
  return session.boundToProject
    ? `\n⚠️ The project directory is ${what}: Claude Code can’t run there. Restore it, or /delete the session.`
    : `\n⚠️ The workspace is ${what}: it is created again, empty, at your next message (its files are gone).`
}
