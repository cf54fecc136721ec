import { isEventSubProcessStart } from '../behaviors/event-sub-processes';
import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { resolveIncidentsOf, raiseIncident } from '../behaviors/incidents';
import { toActivated, toCompleting } from '../behaviors/activation';
import { toCompleted, toTerminated } from '../behaviors/lifecycle';
import { applyInputMappings, applyOutputMappings, mergeVariables } from '../behaviors/variables';
import type { ElementContext } from '../element-context';
import type { ElementProcessor } from './element-processor';

/**
 * Elements that do their work instantly and move on: start events, none intermediate throw
 * events, manual and plain tasks, none end events. Mappings still apply.
 */
export const passThrough: ElementProcessor = {
  onActivate(ec) {
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    if (!toActivated(ec)) return;
    toCompleting(ec);
    this.onComplete(ec);
  },
  onComplete(ec) {
    const output = applyOutputMappings(ec, eventVariablesOf(ec));
    if (!output.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', output.message);
    toCompleted(ec);
  },
  onTerminate(ec) {
    resolveIncidentsOf(ec);
    toTerminated(ec);
  },
};

/**
 * Start events. The start event of an event sub-process carries its trigger's variables (a
 * message's, a signal's, a thrown error's; kept for the event sub-process instance): its output
 * mappings decide what leaves, or else all of them are merged from the event sub-process
 * outward, as Zeebe propagates an event's variables to its flow scope.
 */
export const startEvent: ElementProcessor = {
  ...passThrough,
  onComplete(ec) {
    const trigger = isEventSubProcessStart(ec.process, ec.element)
      ? (ec.ctx.state.eventVariables.get(ec.value.flowScopeKey) ?? {})
      : {};
    if (ec.element.outputMappings.length > 0) {
      const output = applyOutputMappings(ec, trigger);
      if (!output.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', output.message);
    } else {
      mergeVariables(ec.ctx, ec.value.flowScopeKey, trigger, ec.value);
    }
    toCompleted(ec);
  },
};

/**
 * How most elements leave: on completion their output mappings apply, then ELEMENT_COMPLETED
 * (with the outgoing flows); on termination their incidents are resolved, then
 * ELEMENT_TERMINATED. Spread into a processor that does nothing else on those steps.
 */
export const leavesWithOutputMappings: Pick<ElementProcessor, 'onComplete' | 'onTerminate'> = {
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

/** Variables handed to a catch event by its trigger (e.g. a thrown error's variables). */
export function eventVariablesOf(ec: ElementContext): Record<string, unknown> {
  return ec.ctx.state.eventVariables.get(ec.key) ?? {};
}
