import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { awaitsEndListeners, awaitsStartListeners } from '../behaviors/execution-listeners';
import { toActivated } from '../behaviors/activation';
import {
  activateChild,
  completeScopeIfDone,
  terminateChildren,
  terminateScopeIfDone,
  toCompleted,
  toTerminated,
} from '../behaviors/lifecycle';
import { armEventSubProcesses as arm } from '../behaviors/event-sub-process-arming';
import { startEventOf } from '../behaviors/boundary-events';
import { onScopeChildTerminated } from '../behaviors/event-sub-processes';
import { applyInputMappings, applyOutputMappings } from '../behaviors/variables';
import type { ElementContext } from '../element-context';
import { startNextBufferedInstance } from '../commands/message-start';
import { handOverToCallActivity, onChildProcessEnded } from './call-activity';
import type { ContainerProcessor } from './element-processor';

function startNoneStartEvent(ec: ElementContext): void {
  const triggered = ec.ctx.state.pendingStartEvents.get(ec.key);
  if (triggered) {
    ec.ctx.event(
      'PROCESS_EVENT',
      'TRIGGERED',
      ec.ctx.nextKey(),
      {
        scopeKey: ec.key,
        targetElementId: triggered,
        targetInstanceKey: '-1',
        variables: '{}',
        processInstanceKey: ec.key,
      },
      ec.key,
    );
    activateChild(ec.ctx, ec, ec.process.elements[triggered]!);
    return;
  }
  const startId = ec.element.noneStartEventId;
  const start = startId ? ec.process.elements[startId] : undefined;
  if (start) activateChild(ec.ctx, ec, start);
}

/** A scope that activated arms its event sub-processes, then starts (false: an incident). */
function armEventSubProcesses(ec: ElementContext): boolean {
  const armed = arm(ec);
  if (!armed.ok) raiseIncident(ec, 'EXTRACT_VALUE_ERROR', armed.message);
  return armed.ok;
}

/**
 * Shared by the process and (event) sub-processes: their last path ending completes them; an
 * interrupting event sub-process waiting for the other children to end is entered instead.
 */
const scopeHooks = {
  onChildCompleted(scope: ElementContext) {
    completeScopeIfDone(scope);
  },
  onChildTerminated(scope: ElementContext) {
    if (terminateScopeIfDone(scope)) {
      finishTermination(scope);
    } else if (!onScopeChildTerminated(scope)) {
      completeScopeIfDone(scope);
    }
  },
};

function finishTermination(scope: ElementContext): void {
  resolveIncidentsOf(scope);
  const startedWith = scope.ctx.state.messages.startCorrelationKeyOf(scope.key);
  toTerminated(scope);
  if (scope.value.bpmnElementType === 'PROCESS') {
    onChildProcessEnded(scope);
    startNextBufferedInstance(scope.ctx, scope, startedWith);
  }
}

export const processProcessor: ContainerProcessor = {
  onActivate(ec) {
    if (!toActivated(ec)) return;
    if (armEventSubProcesses(ec)) startNoneStartEvent(ec);
  },
  onComplete(ec) {
    // The instance's end listeners run before its result and its parent hear of the end.
    if (awaitsEndListeners(ec)) return;
    const awaiting = ec.ctx.state.awaitingResults.get(ec.key);
    if (awaiting) {
      const all = ec.ctx.state.localVariables(ec.key);
      const fetched =
        awaiting.fetchVariables.length === 0
          ? all
          : Object.fromEntries(
              awaiting.fetchVariables.filter((n) => n in all).map((n) => [n, all[n]]),
            );
      ec.ctx.event(
        'PROCESS_INSTANCE_RESULT',
        'COMPLETED',
        ec.key,
        { ...ec.value, variables: JSON.stringify(fetched) },
        ec.key,
      );
    }
    handOverToCallActivity(ec);
    const startedWith = ec.ctx.state.messages.startCorrelationKeyOf(ec.key);
    toCompleted(ec);
    onChildProcessEnded(ec);
    startNextBufferedInstance(ec.ctx, ec, startedWith);
  },
  onTerminate(ec) {
    if (terminateChildren(ec) === 0) finishTermination(ec);
  },
  ...scopeHooks,
};

export const subProcessProcessor: ContainerProcessor = {
  onActivate(ec) {
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    if (toActivated(ec) && armEventSubProcesses(ec)) startNoneStartEvent(ec);
  },
  onComplete(ec) {
    const output = applyOutputMappings(ec);
    if (!output.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', output.message);
    toCompleted(ec);
  },
  onTerminate(ec) {
    if (terminateChildren(ec) === 0) finishTermination(ec);
  },
  ...scopeHooks,
};

/**
 * An event sub-process, entered by its trigger (Camunda docs, "Event subprocesses" →
 * "Variables"): its input mappings create local variables only it sees, then its start event
 * runs and hands on the trigger's variables (see startEvent). Its local variables end with it
 * unless its output mappings, applied when it completes, pass them on to the enclosing scope.
 */
export const eventSubProcessProcessor: ContainerProcessor = {
  onActivate(ec) {
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    if (!toActivated(ec)) return;
    if (!armEventSubProcesses(ec)) return;
    const start = startEventOf(ec, ec.element);
    if (start) activateChild(ec.ctx, ec, start);
  },
  onComplete(ec) {
    const output = applyOutputMappings(ec);
    if (!output.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', output.message);
    toCompleted(ec);
  },
  onTerminate(ec) {
    if (terminateChildren(ec) === 0) finishTermination(ec);
  },
  ...scopeHooks,
};
