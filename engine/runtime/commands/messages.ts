import { RejectionError } from '../../processing/command';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { MessageRecordValue } from '../../state/appliers';
import type { Message } from '../../state/messages';
import { correlate } from '../behaviors/messages';
import { startByMessage, startEventsFor } from './message-start';

export interface PublishMessageCommand {
  name: string;
  correlationKey: string;
  timeToLive: number;
  messageId: string;
  variables: Record<string, unknown>;
  tenantId: string;
}

export interface CorrelateMessageCommand {
  name: string;
  correlationKey: string;
  variables: Record<string, unknown>;
  tenantId: string;
}

export interface CorrelateMessageResponse {
  messageKey: string;
  tenantId: string;
  processInstanceKey: string;
}

/**
 * MESSAGE PUBLISH (Camunda docs, "Messages"): the message correlates at once to the open
 * subscriptions with its name and correlation key — the oldest one of each process (message
 * cardinality: once per bpmnProcessId, across versions) — and starts
 * instances at matching message start events; it then stays buffered for its time to live so
 * subscriptions opened later can take it.
 */
const publish: CommandProcessor = (command, ctx) => {
  const v = command.value as PublishMessageCommand;
  const tenantId = v.tenantId || '<default>';
  if (v.messageId && ctx.state.messages.isBuffered({ ...v, tenantId })) {
    throw new RejectionError(
      'ALREADY_EXISTS',
      `Expected to publish a new message with id '${v.messageId}', but a message with that id was already published`,
    );
  }
  const key = ctx.nextKey();
  const timeToLive = Math.max(0, v.timeToLive);
  const value: MessageRecordValue = {
    name: v.name,
    correlationKey: v.correlationKey,
    timeToLive,
    deadline: ctx.now + timeToLive,
    messageId: v.messageId,
    variables: v.variables,
    tenantId,
  };
  ctx.event('MESSAGE', 'PUBLISHED', key, value);
  ctx.respond(key, { key, tenantId });
  const message: Message = { ...value, key };
  const processes = new Set<string>();
  for (const s of ctx.state.messages.subscriptionsFor(v.name, v.correlationKey, tenantId)) {
    if (processes.has(s.bpmnProcessId)) continue;
    processes.add(s.bpmnProcessId);
    correlate(ctx, s, message);
  }
  for (const { deployed, startEvent } of startEventsFor(ctx, message)) {
    if (processes.has(deployed.bpmnProcessId)) continue;
    startByMessage(ctx, deployed, startEvent, message);
  }
  if (timeToLive === 0) ctx.event('MESSAGE', 'EXPIRED', key, value);
};

/** MESSAGE EXPIRE (from the due-date scheduler): the time to live has passed. */
const expire: CommandProcessor = (command, ctx) => {
  const message = ctx.state.messages.messages.get(command.key);
  if (!message || message.deadline > ctx.now) {
    throw new RejectionError(
      'NOT_FOUND',
      `Expected to expire message with key '${command.key}', but no such buffered message was found`,
    );
  }
  const { key: _key, ...value } = message;
  ctx.event('MESSAGE', 'EXPIRED', message.key, value);
};

/**
 * MESSAGE_CORRELATION CORRELATE (`POST /v2/messages/correlation`): correlates right now to
 * one open subscription (the oldest) or, failing that, one message start event; never buffered.
 */
const correlateNow: CommandProcessor = (command, ctx) => {
  const v = command.value as CorrelateMessageCommand;
  const tenantId = v.tenantId || '<default>';
  const key = ctx.nextKey();
  const message = {
    key,
    name: v.name,
    correlationKey: v.correlationKey,
    variables: v.variables,
    tenantId,
  };
  const subscription = ctx.state.messages.subscriptionsFor(v.name, v.correlationKey, tenantId)[0];
  let processInstanceKey: string;
  if (subscription) {
    processInstanceKey = subscription.processInstanceKey;
    correlate(ctx, subscription, message);
  } else {
    const start = startEventsFor(ctx, message)[0];
    if (!start) throw notFound(v);
    processInstanceKey = startByMessage(ctx, start.deployed, start.startEvent, message);
  }
  const response: CorrelateMessageResponse = { messageKey: key, tenantId, processInstanceKey };
  ctx.event('MESSAGE_CORRELATION', 'CORRELATED', key, { ...v, tenantId, processInstanceKey });
  ctx.respond(key, response);
};

function notFound(v: CorrelateMessageCommand): RejectionError {
  return new RejectionError(
    'NOT_FOUND',
    `Expected to find subscription for message with name '${v.name}' and correlation key '${v.correlationKey}', but none was found.`,
  );
}

export const messageCommands: Record<string, CommandProcessor> = {
  'MESSAGE:PUBLISH': publish,
  'MESSAGE:EXPIRE': expire,
  'MESSAGE_CORRELATION:CORRELATE': correlateNow,
};
