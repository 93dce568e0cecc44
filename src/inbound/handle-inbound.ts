import type { InboundEvent } from "../channels/channel.js";
import { callerOf } from "../commands/caller-roles.js";
import { receiveImportFile } from "../commands/import/read-import-file.js";
import { readCommand } from "../commands/read-command.js";
import { COMMANDS } from "../commands/registry.js";
import { runCommand } from "../commands/run-command.js";
import type { InboundDeps } from "../conversation/turn.js";
import { message } from "../templates/template-store.js";
import { closeClickedCard } from "./close-clicked-card.js";
import { type EventWrites, eventWriteScopes } from "./defer-event-writes.js";
import { handleCardAction } from "./handle-card-action.js";
import { handleText } from "./handle-text.js";
import { answerKeyPrefix, startTurn } from "./start-turn.js";
import { stranger } from "./stranger.js";

/**
 * The one entry point for what people send, whatever the channel. It runs on events taken from
 * the inbox (inbound/inbox-processor.ts), which holds each platform event once: a retried
 * delivery is recorded once, while two clicks in the same second are two events. A text that is a
 * command (/help, 帮助) goes to the command runner, from anyone: the commands say who may run
 * them, and /help and /whoami are how someone not yet in the directory finds their id. Otherwise
 * someone the directory does not know gets a polite refusal on the channel they wrote from, and
 * the attempt is logged in the audit trail. A file goes to the import (commands/import/), which
 * says who may import.
 */
export function createInboundHandler(shared: InboundDeps) {
  const scope = eventWriteScopes(shared.store);
  return async (event: InboundEvent, writes: EventWrites): Promise<void> => {
    // Its audit entries and answers are written when the inbox marks the event processed.
    const deps: InboundDeps = { ...shared, store: scope(writes, answerKeyPrefix(event)) };
    // Who sent what kind of event, once per event; what they wrote only at debug (it may be personal).
    deps.logger.info("inbound event", {
      channel: event.channel,
      userId: event.from,
      eventId: event.eventId,
      kind: event.kind,
      ...(event.kind === "card-action" ? { actionKey: event.actionKey, cardId: event.cardId } : {}),
      ...(event.kind === "file" ? { fileName: event.fileName, size: event.size } : {}),
    });
    if (event.kind === "text")
      deps.logger.debug("inbound text", { eventId: event.eventId, text: event.text });
    const person = deps.people.byAccount(event.channel, event.from);
    // A file is a notice for the office to import (/import); anyone else is told so.
    if (event.kind === "file") {
      const turn = startTurn(deps, event, person ?? stranger(event));
      await receiveImportFile(
        { turn, caller: callerOf(deps.people, event, person), commands: COMMANDS },
        event,
      );
      return;
    }
    const command = event.kind === "text" ? readCommand(event.text, COMMANDS) : undefined;
    if (command) {
      const turn = startTurn(deps, event, person ?? stranger(event));
      await runCommand({ turn, caller: callerOf(deps.people, event, person), commands: COMMANDS }, command);
      return;
    }
    if (!person) {
      deps.logger.warn("message from someone not in the directory ignored", {
        channel: event.channel,
        from: event.from,
      });
      await deps.store.audit.append({
        at: new Date(event.at).toISOString(),
        actor: `${event.channel}:${event.from}`,
        action: "reply.refused",
        details: {
          reason: "not-in-directory",
          event: event.eventId,
          ...(event.kind === "text"
            ? { text: event.text }
            : { cardId: event.cardId, actionKey: event.actionKey }),
        },
      });
      await startTurn(deps, event, stranger(event)).answer(message("progress", "refusedStranger"));
      return;
    }
    const turn = startTurn(deps, event, person);
    if (event.kind === "card-action") {
      await handleCardAction(turn, event);
      await closeClickedCard(turn, event);
    } else await handleText(turn, event.text);
  };
}
