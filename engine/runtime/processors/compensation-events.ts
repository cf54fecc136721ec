import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { throwCompensation } from '../behaviors/compensation';
import { raiseIncident } from '../behaviors/incidents';
import { toActivated, toCompleting } from '../behaviors/activation';
import { applyInputMappings } from '../behaviors/variables';
import type { ElementProcessor } from './element-processor';
import { leavesWithOutputMappings } from './flow-node';

/**
 * Compensation intermediate throw and end events: they start the handlers of the completed
 * compensable activities of their scope (or of `activityRef` only) and wait for them (Zeebe's
 * waitForCompletion is always true); with nothing to compensate they complete at once. A
 * handler's completion sends COMPLETE_ELEMENT here (behaviors/compensation.ts).
 */
export const compensationThrowEvent: ElementProcessor = {
  onActivate(ec) {
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    if (!toActivated(ec)) return;
    if (throwCompensation(ec)) return;
    toCompleting(ec);
    this.onComplete(ec);
  },
  ...leavesWithOutputMappings,
};
