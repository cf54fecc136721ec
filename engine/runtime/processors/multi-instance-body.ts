import { evaluateCondition, evaluateExpression } from '../../feel';
import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import {
  activateChild,
  terminateChildren,
  toActivated,
  toCompleted,
  toCompleting,
  toTerminated,
} from '../behaviors/lifecycle';
import { mergeVariables, setLocalVariables } from '../behaviors/variables';
import type { ElementContext } from '../element-context';
import type { ContainerProcessor } from './element-processor';

/**
 * The multi-instance body wraps an activity with loop characteristics (Camunda docs,
 * "Multi-instance"): it evaluates the input collection, starts one inner instance per item —
 * all at once (parallel) or one after another (sequential) — each with the local variables
 * `loopCounter` (1-based) and the input element, collects the output elements into the output
 * collection, and completes when all inner instances have completed or the completion
 * condition is true (the rest are then terminated).
 */
function inputCollection(ec: ElementContext, scopeKey: string) {
  const loop = ec.element.loop!;
  return evaluateExpression(loop.inputCollection, ec.ctx.state.visibleVariables(scopeKey), 'array');
}

function progressOf(ec: ElementContext) {
  return (
    ec.ctx.state.elementInstances.get(ec.key)?.multiInstance ?? {
      started: 0,
      completed: 0,
      terminated: 0,
    }
  );
}

export const multiInstanceBody: ContainerProcessor = {
  onActivate(ec) {
    const loop = ec.element.loop!;
    const collection = inputCollection(ec, ec.key);
    if (!collection.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', collection.message);
    const items = collection.value as unknown[];
    toActivated(ec);
    if (loop.outputCollection) {
      setLocalVariables(
        ec.ctx,
        ec.key,
        { [loop.outputCollection]: items.map(() => null) },
        ec.value,
      );
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
  onChildCompleting(body, inner) {
    const loop = body.element.loop!;
    if (!loop.outputCollection || !loop.outputElement) return;
    const innerVariables = body.ctx.state.visibleVariables(inner.key);
    const element = evaluateExpression(loop.outputElement, innerVariables, 'any');
    const index = Number(innerVariables.loopCounter) - 1;
    const current = body.ctx.state.localVariables(body.key)[loop.outputCollection];
    const collection = Array.isArray(current) ? [...(current as unknown[])] : [];
    collection[index] = element.ok ? element.value : null;
    setLocalVariables(body.ctx, body.key, { [loop.outputCollection]: collection }, body.value);
  },
  onChildCompleted(body, inner) {
    const loop = body.element.loop!;
    const instance = body.ctx.state.elementInstances.get(body.key);
    if (!instance || instance.state !== 'ELEMENT_ACTIVATED') return;
    const progress = progressOf(body);
    const active = body.ctx.state.childKeys(body.key).length;
    const collection = inputCollection(body, body.key);
    const total = collection.ok ? (collection.value as unknown[]).length : progress.started;
    if (loop.completionCondition) {
      const variables = {
        ...body.ctx.state.visibleVariables(body.key),
        numberOfInstances: total,
        numberOfActiveInstances: active,
        numberOfCompletedInstances: progress.completed,
        numberOfTerminatedInstances: progress.terminated,
      };
      const done = evaluateCondition(loop.completionCondition, variables);
      if (!done.ok) return raiseIncident(body, 'EXTRACT_VALUE_ERROR', done.message);
      if (done.value) {
        if (terminateChildren(body) === 0) completeBody(body);
        return;
      }
    }
    void inner;
    if (loop.isSequential && progress.started < total) {
      activateChild(body.ctx, body, body.element, body.element.elementType);
    } else if (active === 0) {
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

/** Local variables of a new inner instance: its loopCounter and its item of the collection. */
export function createLoopVariables(body: ElementContext, innerKey: string): void {
  const loop = body.element.loop!;
  const progress = progressOf(body);
  const loopCounter = progress.started;
  const local: Record<string, unknown> = { loopCounter };
  if (loop.inputElement) {
    const collection = inputCollection(body, body.key);
    const items = collection.ok ? (collection.value as unknown[]) : [];
    local[loop.inputElement] = items[loopCounter - 1] ?? null;
  }
  const inner = body.ctx.state.elementInstances.get(innerKey)!;
  setLocalVariables(body.ctx, innerKey, local, inner.value);
}
