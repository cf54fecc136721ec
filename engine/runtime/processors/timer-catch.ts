import { completeTriggeredCatchEvent } from '../behaviors/event-gateway';
import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { toActivated, toCompleted, toTerminated } from '../behaviors/lifecycle';
import { createTimerFor } from '../behaviors/timers';
import { applyInputMappings, applyOutputMappings } from '../behaviors/variables';
import type { ElementProcessor } from './element-processor';

/**
 * Intermediate timer catch event: waits until its timer fires (TIMER TRIGGER completes it).
 * The timer expression is evaluated on activation, in the event's scope.
 */
export const timerCatchEvent: ElementProcessor = {
  onActivate(ec) {
    if (completeTriggeredCatchEvent(ec, this)) return; // entered from an event-based gateway
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    const created = createTimerFor(ec, ec.element, ec.key);
    if (!created.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', created.message);
    toActivated(ec);
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
