import type { Clock } from "../../shared/clock.js";
import type { Logger } from "../../shared/logger.js";
import type { InboundEvent } from "../channel.js";
import type { EventInbox } from "../channel-plugin.js";
import { readCardCallback } from "./dingtalk-card-callback.js";
import type { SessionWebhooks } from "./dingtalk-contracts.js";
import { readRobotMessage } from "./dingtalk-robot-message.js";
import {
  CARD_CALLBACK_TOPIC,
  type FrameAck,
  ROBOT_MESSAGE_TOPIC,
  type StreamFrame,
} from "./stream/stream-frames.js";

export interface StreamReceiverDeps {
  inbox: EventInbox;
  sessionWebhooks: SessionWebhooks;
  clock: Clock;
  logger: Logger;
  /** Origins trusted for session webhooks besides DingTalk's own (a local fake's). */
  trustedWebhookOrigins: readonly string[];
  /** Told each frame refused before the inbox (metrics). */
  onRefused?: (reason: string) => void;
}

/**
 * What the stream hands over, into the inbox: store, then acknowledge. A robot message or a card
 * click is stored (deduplicated on its msgId, or on the card, clicker and choice: a redelivery
 * carries a new frame messageId) before the stream acks it, and processed after the ack. A store
 * that cannot take it leaves the frame unacknowledged, so the gateway delivers it again; the inbox's
 * sweep processes what a crash after the ack left unprocessed.
 */
export function createStreamReceiver(deps: StreamReceiverDeps): (frame: StreamFrame) => Promise<FrameAck> {
  const { logger } = deps;
  const store = async (event: InboundEvent, afterAck?: () => void): Promise<FrameAck> => {
    let fresh: boolean;
    try {
      fresh = await deps.inbox.accept(event);
    } catch (error) {
      logger.error("DingTalk frame not stored: left unacknowledged so that the gateway delivers it again", {
        eventId: event.eventId,
        error,
      });
      return { status: "retry-later" };
    }
    if (!fresh) {
      logger.info("repeated DingTalk delivery acknowledged and ignored", { eventId: event.eventId });
      return { status: "ok" };
    }
    afterAck?.();
    // After the ack has gone out: the stream sends it as soon as this answer resolves.
    setImmediate(() => void deps.inbox.process(event));
    return { status: "ok" };
  };

  return async (frame) => {
    if (frame.topic === ROBOT_MESSAGE_TOPIC) {
      const reading = readRobotMessage(frame.data, {
        trustedWebhookOrigins: deps.trustedWebhookOrigins,
        receivedAt: deps.clock.now(),
      });
      if (reading.kind === "malformed") {
        deps.onRefused?.("malformed");
        logger.warn("DingTalk robot message unreadable; acknowledged and dropped", {
          problem: reading.problem,
        });
        return { status: "ok" };
      }
      if (reading.kind === "ignored") {
        logger.info("DingTalk robot message ignored", { reason: reading.reason, msgtype: reading.msgtype });
        return { status: "ok" };
      }
      if (reading.untrustedWebhookOrigin)
        logger.warn("DingTalk session webhook on an untrusted host dropped", {
          origin: reading.untrustedWebhookOrigin,
        });
      const { session } = reading;
      return store(
        reading.event,
        session ? () => deps.sessionWebhooks.remember(session.userId, session.webhook) : undefined,
      );
    }
    if (frame.topic === CARD_CALLBACK_TOPIC) {
      const reading = readCardCallback(frame.data, deps.clock.now());
      if (reading.kind === "refused") {
        deps.onRefused?.(reading.reason);
        logger.warn("DingTalk card callback refused; acknowledged and dropped", {
          reason: reading.reason,
          problem: reading.problem,
        });
        return { status: "ok" };
      }
      return store(reading.event);
    }
    if (frame.type === "EVENT") {
      // Duban subscribes to no event it acts on yet (all are acknowledged, as the console's "*" asks).
      logger.info("DingTalk event acknowledged", { eventType: frame.headers.eventType ?? "unknown" });
      return { status: "ok" };
    }
    logger.warn("DingTalk frame on an unknown topic acknowledged", { topic: frame.topic });
    return { status: "ok" };
  };
}
