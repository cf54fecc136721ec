import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { toActivated, toCompleting } from '../behaviors/activation';
import {
  activateChild,
  terminateChildren,
  toCompleted,
  toTerminated,
} from '../behaviors/lifecycle';
import { beforeInnerCompleted, inputCollection, progressOf } from '../behaviors/multi-instance';
import { mergeVariables, setLocalVariables } from '../behaviors/variables';
import type { ElementContext } from '../element-context';
import type { ContainerProcessor } from './element-processor';

export { createLoopVariables } from '../behaviors/multi-instance';

/**
 * The multi-instance body wraps an activity with loop characteristics (Camunda docs,
 * "Multi-instance"): it evaluates the input collection, starts one inner instance per item —
 * all at once (parallel) or one after another (sequential) — collects the output elements into
 * the output collection, and completes when all inner instances have completed or the
 * completion condition is fulfilled (the rest are then terminated). The output collection
 * reaches the body's flow scope only when the body completes.
 */
export const multiInstanceBody: ContainerProcessor = {
  onActivate(ec) {
    const loop = ec.element.loop!;
    const collection = inputCollection(ec);
    if (!collection.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', collection.message);
    const items = collection.value as unknown[];
    if (!toActivated(ec)) return;
    if (loop.outputCollection) {
      const empty = { [loop.outputCollection]: items.map(() => null) };
      setLocalVariables(ec.ctx, ec.key, empty, ec.value);
    }
    if (items.length === 0) {
      toCompleting(ec);
      return this.onComplete(ec);
    }
    const count = loop.isSequential ? 1 : items.length;
    for (let i = 0; i < count; i++) activateChild(ec.ctx, ec, ec.element, ec.element.elementType);
  },
  onComplete(ec) {
    const loop = ec.element.loop!;
    if (loop.outputCollection) {
      const output = ec.ctx.state.localVariables(ec.key)[loop.outputCollection];
      mergeVariables(ec.ctx, ec.value.flowScopeKey, { [loop.outputCollection]: output }, ec.value);
    }
    toCompleted(ec);
  },
  onTerminate(ec) {
    if (terminateChildren(ec) === 0) {
      resolveIncidentsOf(ec);
      toTerminated(ec);
    }
  },
  beforeChildCompleted: beforeInnerCompleted,
  onChildCompleted(body, _inner, conditionFulfilled) {
    const instance = body.ctx.state.elementInstances.get(body.key);
    if (!instance || instance.state !== 'ELEMENT_ACTIVATED') return;
    const loop = body.element.loop!;
    if (conditionFulfilled === true) {
      // The remaining inner instances are terminated; the body completes when they are gone.
      if (terminateChildren(body) === 0) completeBody(body);
      return;
    }
    const progress = progressOf(body);
    const collection = inputCollection(body);
    const total = collection.ok ? (collection.value as unknown[]).length : progress.started;
    if (loop.isSequential && progress.started < total) {
      activateChild(body.ctx, body, body.element, body.element.elementType);
    } else if (body.ctx.state.childKeys(body.key).length === 0) {
      completeBody(body);
    }
  },
  onChildTerminated(body) {
    const instance = body.ctx.state.elementInstances.get(body.key);
    if (!instance || body.ctx.state.childKeys(body.key).length > 0) return;
    if (instance.state === 'ELEMENT_TERMINATING') {
      resolveIncidentsOf(body);
      toTerminated(body);
    } else if (instance.state === 'ELEMENT_ACTIVATED') {
      completeBody(body); // the completion condition ended the remaining inner instances
    }
  },
};

function completeBody(body: ElementContext): void {
  body.ctx.command(
    'PROCESS_INSTANCE',
    'COMPLETE_ELEMENT',
    body.key,
    body.value,
    body.value.processInstanceKey,
  );
}
