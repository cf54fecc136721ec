import { toActivated, toCompleting } from '../behaviors/activation';
import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { raiseIncident } from '../behaviors/incidents';
import { acceptResultVariables, applyInputMappings } from '../behaviors/variables';
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
      if (awaitsStartListeners(ec)) return;
      const subscribed = subscribe(ec);
      if (!subscribed.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', subscribed.message);
      if (toActivated(ec)) afterActivated?.(ec, subscribed.value);
    },
    ...leavesWithOutputMappings,
  };
}

/**
 * A catch event entered from an event-based gateway has already been triggered (its variables
 * were handed over with PROCESS_EVENT TRIGGERED): it completes at once instead of waiting.
 */
function completeTriggeredCatchEvent(ec: ElementContext, processor: ElementProcessor): boolean {
  const variables = ec.ctx.state.eventVariables.get(ec.key);
  if (!variables) return false;
  const input = applyInputMappings(ec);
  if (!input.ok) return false; // the normal path raises the incident
  acceptResultVariables(ec, variables);
  if (!toActivated(ec)) return true; // the incident waits on the element
  toCompleting(ec);
  processor.onComplete(ec);
  return true;
}
