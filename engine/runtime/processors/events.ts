import { evaluateExpression } from '../../feel';
import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { findErrorCatch, unhandledErrorMessage } from '../behaviors/errors';
import { triggerCatchEvent } from '../behaviors/event-triggers';
import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { toActivated, toCompleting } from '../behaviors/activation';
import {
  activateChild,
  flowScopeOf,
  terminateChildren,
  toCompleted,
  toTerminated,
} from '../behaviors/lifecycle';
import { applyInputMappings, applyOutputMappings, mergeVariables } from '../behaviors/variables';
import type { ElementProcessor } from './element-processor';
import { eventVariablesOf, passThrough, leavesWithOutputMappings } from './flow-node';

/**
 * Terminate end event: every other element instance in its flow scope is terminated, flows in
 * transit are dropped, and the flow scope completes.
 */
export const terminateEndEvent: ElementProcessor = {
  onActivate(ec) {
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    const scope = flowScopeOf(ec);
    if (!toActivated(ec)) return;
    if (scope) {
      ec.ctx.event(
        'PROCESS_EVENT',
        'TRIGGERING',
        ec.ctx.nextKey(),
        {
          scopeKey: scope.key,
          targetElementId: ec.element.id,
          flowScopeKey: scope.value.flowScopeKey,
          variables: '{}',
          processInstanceKey: ec.value.processInstanceKey,
        },
        ec.value.processInstanceKey,
      );
      for (const key of ec.ctx.state.childKeys(scope.key)) {
        if (key === ec.key) continue;
        const child = ec.ctx.state.elementInstances.get(key)!;
        if (child.state === 'ELEMENT_TERMINATING') continue;
        ec.ctx.command(
          'PROCESS_INSTANCE',
          'TERMINATE_ELEMENT',
          key,
          child.value,
          child.value.processInstanceKey,
        );
      }
    }
    toCompleting(ec);
    this.onComplete(ec);
  },
  ...leavesWithOutputMappings,
};

/** Error end event: throws its error code to the nearest matching error catch event. */
export const errorEndEvent: ElementProcessor = {
  onActivate(ec) {
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    const variables = ec.ctx.state.visibleVariables(ec.key);
    const code = ec.element.errorCode
      ? evaluateExpression(ec.element.errorCode, variables, 'string')
      : ({ ok: true, value: '' } as const);
    if (!code.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', code.message);
    const errorCode = String(code.value);
    const found = findErrorCatch(ec.ctx, ec.value.flowScopeKey, errorCode);
    if (!found) {
      const message = unhandledErrorMessage(ec.ctx, ec.value.flowScopeKey, errorCode, '');
      return raiseIncident(ec, 'UNHANDLED_ERROR_EVENT', message);
    }
    // As in Zeebe, the end event is activated, then terminated with the scope it interrupts.
    if (!toActivated(ec)) return;
    triggerCatchEvent(ec.ctx, found, {});
  },
  onComplete(ec) {
    toCompleted(ec);
  },
  onTerminate(ec) {
    resolveIncidentsOf(ec);
    toTerminated(ec);
  },
};

/** Link throw: jumps to the link catch event of the same name in the same flow scope. */
export const linkThrowEvent: ElementProcessor = {
  onActivate(ec) {
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    if (!toActivated(ec)) return;
    toCompleting(ec);
    this.onComplete(ec);
  },
  onComplete(ec) {
    const output = applyOutputMappings(ec);
    if (!output.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', output.message);
    const target = Object.values(ec.process.elements).find(
      (element) =>
        element.elementType === 'INTERMEDIATE_CATCH_EVENT' &&
        element.eventType === 'LINK' &&
        element.linkName === ec.element.linkName &&
        element.flowScopeId === ec.element.flowScopeId,
    );
    const scope = flowScopeOf(ec);
    // The scope must not see an empty moment between the throw and the catch: no notification.
    if (!toCompleted(ec, [], { notifyScope: false })) return;
    if (target && scope) activateChild(ec.ctx, scope, target);
  },
  onTerminate(ec) {
    resolveIncidentsOf(ec);
    toTerminated(ec);
  },
};

/**
 * A boundary event activated by its trigger: the trigger's variables (a thrown error's) are
 * its output: mapped by its output mappings, or else merged into its flow scope.
 */
export const boundaryEvent: ElementProcessor = {
  onActivate(ec) {
    if (!toActivated(ec)) return;
    toCompleting(ec);
    this.onComplete(ec);
  },
  onComplete(ec) {
    const variables = eventVariablesOf(ec);
    if (ec.element.outputMappings.length > 0) {
      const output = applyOutputMappings(ec, variables);
      if (!output.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', output.message);
    } else {
      mergeVariables(ec.ctx, ec.value.flowScopeKey, variables, ec.value);
    }
    toCompleted(ec);
  },
  onTerminate(ec) {
    resolveIncidentsOf(ec);
    toTerminated(ec);
  },
};

export { passThrough, terminateChildren };
