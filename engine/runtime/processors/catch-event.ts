import { completeTriggeredCatchEvent } from '../behaviors/event-gateway';
import { raiseIncident } from '../behaviors/incidents';
import { toActivated } from '../behaviors/lifecycle';
import { applyInputMappings } from '../behaviors/variables';
import type { ElementContext } from '../element-context';
import type { ElementProcessor } from './element-processor';
import { leavesWithOutputMappings } from './flow-node';

type Subscribed<S> = { ok: true; value: S } | { ok: false; message: string };

/**
 * The shape every waiting catch event shares (timer, message, signal; receive tasks too): after
 * input mappings it subscribes (expressions evaluated now, a failure is an incident), becomes
 * ACTIVATED and waits for its trigger to complete it; output mappings apply on completion.
 * Entered from an event-based gateway, it completes at once with the gateway's trigger.
 */
export function waitingCatchEvent<S>(
  subscribe: (ec: ElementContext) => Subscribed<S>,
  afterActivated?: (ec: ElementContext, subscription: S) => void,
): ElementProcessor {
  return {
    onActivate(ec) {
      if (completeTriggeredCatchEvent(ec, this)) return;
      const input = applyInputMappings(ec);
      if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
      const subscribed = subscribe(ec);
      if (!subscribed.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', subscribed.message);
      if (toActivated(ec)) afterActivated?.(ec, subscribed.value);
    },
    ...leavesWithOutputMappings,
  };
}
