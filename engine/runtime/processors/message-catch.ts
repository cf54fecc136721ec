import { completeTriggeredCatchEvent } from '../behaviors/event-gateway';
import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { toActivated, toCompleted, toTerminated } from '../behaviors/lifecycle';
import { correlateBuffered, openSubscription } from '../behaviors/messages';
import { applyInputMappings, applyOutputMappings } from '../behaviors/variables';
import type { ElementProcessor } from './element-processor';

/**
 * Intermediate message catch event and receive task: waits for its message. The subscription
 * (name and correlation key evaluated now, after input mappings) opens on activation; a
 * buffered message may complete it at once. Message variables arrive with the correlation.
 */
export const messageCatch: ElementProcessor = {
  onActivate(ec) {
    if (completeTriggeredCatchEvent(ec, this)) return; // entered from an event-based gateway
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    const opened = openSubscription(ec, ec.element, ec.key);
    if (!opened.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', opened.message);
    toActivated(ec);
    const instance = ec.ctx.state.elementInstances.get(ec.key);
    if (instance?.state === 'ELEMENT_ACTIVATED') correlateBuffered(ec.ctx, opened.subscription);
  },
  onComplete(ec) {
    const output = applyOutputMappings(ec);
    if (!output.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', output.message);
    toCompleted(ec);
  },
  onTerminate(ec) {
    resolveIncidentsOf(ec);
    toTerminated(ec);
  },
};
