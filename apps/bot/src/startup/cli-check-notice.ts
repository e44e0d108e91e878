/**
 * When the start-up check finds that Claude Code can't answer, each allowed user is told once,
 * before they send a message: the problem is remembered in the data directory with the users told,
 * so a restart with the same problem says nothing new; once Claude Code can answer, it is forgotten.
 */

import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { readJsonFile, writeJsonAtomic } from '@switchboard/core'
import { z } from 'zod'
import type { Logger } from '../logging/logger.js'
import type { Outbox } from '../telegram/outbox.js'
import type { CliCheck } from './cli-check.js'

const TOLD_FILE = 'cli-check-told.json'

const ToldSchema = z.strictObject({
  problem: z.string(),
  users: z.array(z.int()),
})

export interface CliNoticeDeps {
  outbox: Pick<Outbox, 'call'>
  logger: Pick<Logger, 'info'>
  dataDir: string
}

/** The message an allowed user gets. */
export function cliProblemText(problem: string): string {
  return `⚠️ Claude Code can't answer messages on this bot right now. ${problem}\n/status shows this check.`
}

/** Tells the users not yet told about `check`'s problem; forgets the problem when there is none. */
export async function tellUsersOnce(
  deps: CliNoticeDeps,
  check: CliCheck,
  users: Iterable<number>,
): Promise<void> {
  const file = join(deps.dataDir, TOLD_FILE)
  if (check.ok || !check.problem) {
    await rm(file, { force: true })
    return
  }
  const read = await readJsonFile(file, ToldSchema)
  const told = read.ok ? read.value : undefined
  const already = new Set(told?.problem === check.problem ? told.users : [])
  for (const userId of users) {
    if (already.has(userId)) continue
    try {
      await deps.outbox.call('sendMessage', {
        chat_id: userId,
        text: cliProblemText(check.problem),
      })
      already.add(userId)
    } catch (error) {
      // A user who never opened the bot's chat can't be written to: told when they do (/status).
      deps.logger.info(
        { err: error, userId },
        'could not tell a user that Claude Code cannot answer',
      )
    }
  }
  await writeJsonAtomic(file, { problem: check.problem, users: [...already] })
}
