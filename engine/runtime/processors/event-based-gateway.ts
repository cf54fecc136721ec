import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { toActivated } from '../behaviors/activation';
import { toCompleted, toTerminated } from '../behaviors/lifecycle';
import {
  correlateBufferedAtGateway,
  openEventGatewaySubscriptions,
} from '../behaviors/event-gateway';
import type { ElementProcessor } from './element-processor';

/** See behaviors/event-gateway.ts. */
export const eventBasedGateway: ElementProcessor = {
  onActivate(ec) {
    const opened = openEventGatewaySubscriptions(ec);
    if (!opened.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', opened.message);
    if (!toActivated(ec)) return;
    correlateBufferedAtGateway(ec.ctx, ec.key, opened.messages);
  },
  onComplete(ec) {
    const trigger = ec.ctx.state.elementInstances.get(ec.key)?.pendingTrigger;
    const flow = ec.element.outgoing
      .map((id) => ec.process.sequenceFlows[id]!)
      .find((f) => f.targetId === trigger?.elementId);
    if (!trigger || !flow) return;
    toCompleted(ec, [flow]);
    // The event's instance is activated by the follow-up command just written; hand it the
    // trigger's variables before that command runs (PROCESS_EVENT TRIGGERED, as boundary events).
    const activation = [...ec.ctx.followUps]
      .reverse()
      .find(
        (r) =>
          r.intent === 'ACTIVATE_ELEMENT' &&
          (r.value as { elementId?: string }).elementId === flow.targetId,
      );
    ec.ctx.event(
      'PROCESS_EVENT',
      'TRIGGERED',
      ec.ctx.nextKey(),
      {
        scopeKey: ec.key,
        targetElementId: flow.targetId,
        targetInstanceKey: activation?.key ?? '-1',
        variables: JSON.stringify(trigger.variables ?? {}),
        processInstanceKey: ec.value.processInstanceKey,
      },
      ec.value.processInstanceKey,
    );
  },
  onTerminate(ec) {
    resolveIncidentsOf(ec);
    toTerminated(ec);
  },
};
