import { toActivated } from '../behaviors/activation';
import {
  activateAdHocElement,
  AD_HOC_ELEMENTS_VARIABLE,
  beforeInnerFlowCompleted,
  completeAdHocSubProcess as complete,
  elementsToActivate,
} from '../behaviors/ad-hoc-sub-processes';
import { cancelJobOf, prepareJob, writeJob } from '../behaviors/jobs';
import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import {
  completeScopeIfDone,
  terminateChildren,
  terminateScopeIfDone,
  toCompleted,
  toTerminated,
} from '../behaviors/lifecycle';
import {
  applyInputMappings,
  applyOutputMappings,
  mergeVariables,
  setLocalVariables,
} from '../behaviors/variables';
import type { ElementContext } from '../element-context';
import type { ContainerProcessor } from './element-processor';

/**
 * The ad-hoc sub-process (Camunda 8.8, "Ad-hoc sub-processes"). On entry it sets its local
 * `adHocSubProcessElements` (and an empty `outputCollection`), applies its input mappings,
 * evaluates `activeElementsCollection` and activates those elements, each in an inner instance.
 * Whenever an inner flow completes, its output is collected and the completion condition is
 * evaluated: fulfilled, the remaining inner instances are terminated (`cancelRemainingInstances`,
 * the default) or awaited, and the sub-process completes. Without a condition it completes once
 * no inner instance is left; with an empty list it stays active until elements are activated
 * through the API.
 */
export const adHocSubProcess: ContainerProcessor = {
  onActivate(ec) {
    const adHoc = ec.element.adHoc!;
    const local: Record<string, unknown> = { [AD_HOC_ELEMENTS_VARIABLE]: adHoc.activities };
    if (adHoc.outputCollection) local[adHoc.outputCollection] = [];
    setLocalVariables(ec.ctx, ec.key, local, ec.value);
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    if (ec.element.job) return askWorker(ec, true);
    const elements = elementsToActivate(ec);
    if (!elements.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', elements.message);
    if (!toActivated(ec)) return;
    for (const elementId of elements.value) activateAdHocElement(ec, elementId, {});
  },
  onComplete(ec) {
    cancelJobOf(ec);
    const { outputCollection } = ec.element.adHoc!;
    if (outputCollection) {
      const collected = ec.ctx.state.localVariables(ec.key)[outputCollection];
      mergeVariables(ec.ctx, ec.value.flowScopeKey, { [outputCollection]: collected }, ec.value);
    }
    const output = applyOutputMappings(ec);
    if (!output.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', output.message);
    toCompleted(ec);
  },
  onTerminate(ec) {
    cancelJobOf(ec);
    if (terminateChildren(ec) === 0) {
      resolveIncidentsOf(ec);
      toTerminated(ec);
    }
  },
  beforeChildCompleted: beforeInnerFlowCompleted,
  onChildCompleted(ec, _inner, conditionFulfilled) {
    if (!isActive(ec)) return;
    if (ec.element.job) return onInnerFlowCompletedForWorker(ec);
    if (conditionFulfilled === false) return;
    const cancel = conditionFulfilled === true && ec.element.adHoc!.cancelRemainingInstances;
    // The inner instances still running end first; the last one's termination completes it.
    if (cancel && terminateChildren(ec) > 0) return;
    if (ec.ctx.state.childKeys(ec.key).length === 0) complete(ec);
  },
  onChildTerminated(ec) {
    const instance = ec.ctx.state.elementInstances.get(ec.key);
    if (!instance || ec.ctx.state.childKeys(ec.key).length > 0) return;
    if (instance.state === 'ELEMENT_TERMINATING') {
      resolveIncidentsOf(ec);
      toTerminated(ec);
    } else if (instance.state === 'ELEMENT_ACTIVATED') {
      complete(ec); // the completion condition ended the remaining inner instances
    }
  },
};

/**
 * The scope around one activated inner element (Zeebe's AdHocSubProcessInnerInstanceProcessor):
 * created by events when the element is activated, never by a command; it completes when the
 * flow started in it has ended, and only then does the ad-hoc sub-process hear of it.
 */
export const adHocInnerInstance: ContainerProcessor = {
  onActivate(ec) {
    throw new Error(`the inner instance ${ec.key} of an ad-hoc sub-process is created by events`);
  },
  onComplete(ec) {
    toCompleted(ec);
  },
  onTerminate(ec) {
    if (terminateChildren(ec) === 0) {
      resolveIncidentsOf(ec);
      toTerminated(ec);
    }
  },
  onChildCompleted(inner) {
    completeScopeIfDone(inner);
  },
  onChildTerminated(inner) {
    if (terminateScopeIfDone(inner)) {
      resolveIncidentsOf(inner);
      toTerminated(inner);
    } else {
      completeScopeIfDone(inner);
    }
  },
};

function isActive(ec: ElementContext): boolean {
  return ec.ctx.state.elementInstances.get(ec.key)?.state === 'ELEMENT_ACTIVATED';
}

/**
 * The job-worker implementation (Camunda 8.8, "Job worker implementation"): a job for the
 * worker to decide what to activate, created on activation and again whenever an inner flow
 * completes — one at a time, the open one is canceled first.
 */
function askWorker(ec: ElementContext, activating: boolean): void {
  const job = prepareJob(ec);
  if (!job.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', job.message);
  if (activating && !toActivated(ec)) return;
  cancelJobOf(ec);
  writeJob(ec, job.value);
}

/** Once the worker fulfilled the condition, no new job: the last inner flow completes it. */
function onInnerFlowCompletedForWorker(ec: ElementContext): void {
  const instance = ec.ctx.state.elementInstances.get(ec.key)!;
  if (!instance.adHocCompletionFulfilled) return askWorker(ec, false);
  if (ec.ctx.state.childKeys(ec.key).length === 0) complete(ec);
}
