/** The one line the log shows once the bot polls: where to find it and what it is ready for. */
export function readyLine(state: {
  username: string
  allowedUsers: number
  topics: boolean
  streamMode: 'edit' | 'draft'
}): string {
  const users = `${state.allowedUsers} allowed user${state.allowedUsers === 1 ? '' : 's'}`
  const topics = state.topics ? 'a topic per session' : 'one chat (no Threaded Mode)'
  const streaming = state.streamMode === 'draft' ? 'native drafts' : 'edited messages'
  return `ready: https://t.me/${state.username} — messages from ${users}; ${topics}; answers stream as ${streaming}`
}
