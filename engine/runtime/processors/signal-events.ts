import { raiseIncident } from '../behaviors/incidents';
import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { toActivated, toCompleting } from '../behaviors/activation';
import { broadcastSignal, openSignalSubscription, signalNameOf } from '../behaviors/signals';
import { applyInputMappings } from '../behaviors/variables';
import type { ElementContext } from '../element-context';
import type { ElementProcessor } from './element-processor';
import { leavesWithOutputMappings } from './flow-node';
import { waitingCatchEvent } from './catch-event';

/** Intermediate signal catch event: subscribes on activation (name evaluated now), then waits. */
export const signalCatch = waitingCatchEvent((ec) => {
  const opened = openSignalSubscription(ec, ec.element, ec.key);
  return opened.ok ? { ok: true, value: undefined } : opened;
});

/**
 * Intermediate signal throw event and signal end event: broadcast the signal, with the
 * event's input-mapped (local) variables as the signal's variables, and move on.
 */
export const signalThrow: ElementProcessor = {
  onActivate(ec) {
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    const thrown = throwSignal(ec);
    if (!thrown.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', thrown.message);
    if (!toActivated(ec)) return;
    toCompleting(ec);
    this.onComplete(ec);
  },
  ...leavesWithOutputMappings,
};

function throwSignal(ec: ElementContext): { ok: true } | { ok: false; message: string } {
  const name = signalNameOf(ec, ec.element, ec.key);
  if (!name.ok) return name;
  const variables = ec.ctx.state.localVariables(ec.key);
  broadcastSignal(ec.ctx, name.value, variables, ec.value.tenantId);
  return { ok: true };
}
