/** The pieces LiveProgress opens a live view with: its sink (draft or edited message) and renderer. */

import type { Logger } from '../logging/logger.js'
import { createLiveSink, DraftSink } from '../render/live-sinks.js'
import { StreamRenderer } from '../render/stream-renderer.js'
import { placeOf, placeParams } from '../telegram/chat-place.js'
import type { Outbox } from '../telegram/outbox.js'
import { draftIds } from './draft-ids.js'
import { liveDrafts } from './draft-registry.js'
import { GatedSink } from './gated-sink.js'
import type { LiveProgressOptions } from './live-progress-options.js'

/** "typing…" in the turn's chat and topic, at once (it lasts ~5 s or until a message arrives). */
export function sendTyping(
  outbox: Outbox,
  chatId: number,
  threadId: number | undefined,
  logger: Logger,
): void {
  const place = placeOf(chatId, threadId)
  outbox
    .call(
      'sendChatAction',
      { ...placeParams(place), action: 'typing' },
      { lane: 'progress', supersedeKey: `typing:${chatId}:${threadId ?? 0}` },
    )
    .catch((error: unknown) => logger.debug({ err: error }, 'could not send the typing action'))
}

/** A renderer on a gated sink; a draft is registered for Telegram's Stop button (`unregister`). */
export function createLiveRenderer(
  o: LiveProgressOptions,
  drafts: boolean,
): { renderer: StreamRenderer; gate: GatedSink; unregister: (() => void) | undefined } {
  const place = placeOf(o.chatId, o.threadId)
  const draftId = drafts ? (o.draftIds ?? draftIds).take() : undefined
  const sink = createLiveSink(o.mode, o.outbox, place, {
    draftId,
    keyboard: () => o.stopButton?.markup(),
    onDraftFallback: (error) =>
      o.logger.warn(
        { err: error, chatId: o.chatId, threadId: o.threadId },
        'Telegram refused a draft: this turn’s live view edits a message instead',
      ),
  })
  const gate = new GatedSink(sink, o.onShown)
  let unregister: (() => void) | undefined
  if (sink instanceof DraftSink && o.turn) {
    const { ref, turnId } = o.turn
    // Registered before the first draft goes out: Stop can only be pressed on a shown draft.
    unregister = (o.drafts ?? liveDrafts).register(o.chatId, sink.draftId, {
      ref,
      turnId,
      halt: () => gate.close(),
    })
  }
  const renderer = new StreamRenderer({
    sink: gate,
    title: o.sessionName,
    cwd: o.cwd,
    minIntervalMs: o.liveIntervalMs,
    onError: (error) => o.logger.warn({ err: error }, 'live progress update failed'),
  })
  return { renderer, gate, unregister }
}
