/** What the topic service tells the user (plain text, in the general view of their chat). */

export const TOPICS_REFUSED_NOTICE =
  'Telegram refused to create a topic, so your sessions stay in this chat for now: answers are labelled with their session, with a button to switch. Nothing was lost. Topics are tried again in an hour or after a restart.'

export const TOPICS_FAILING_NOTICE =
  'Telegram could not deliver to topics just now, so answers come here, labelled with their session. Nothing was lost. Topics are tried again in an hour or after a restart.'

export function ownTopicNotice(name: string): string {
  return `Session ${name} now has its own topic: your messages there go to it. This answer stays here.`
}

/** The reply inside a topic the user created. */
export function topicSessionNotice(
  name: string,
  persona: string,
  renamed?: { topicName: string; taken?: string },
): string {
  const why =
    renamed === undefined
      ? ''
      : renamed.taken === undefined
        ? ` A session name can't be "${renamed.topicName}", so it is ${name}.`
        : ` A session ${renamed.taken} exists already, so this one is ${name}.`
  return `Session ${name} created (persona ${persona}) — your messages here go to it. /persona <name> re-bases it.${why}`
}
