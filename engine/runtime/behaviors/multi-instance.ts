import { evaluateCondition, evaluateExpression, type EvaluationResult } from '../../feel';
import type { MultiInstanceProgress } from '../../state/types';
import type { ElementContext } from '../element-context';
import type { BeforeCompleted } from './lifecycle';
import { setLocalVariables } from './variables';

/**
 * The variables of a multi-instance activity (Camunda docs, "Multi-instance"; Zeebe's
 * MultiInstanceBodyProcessor and MultiInstanceOutputCollectionBehavior): the input collection,
 * each inner instance's local input element, output element and `loopCounter` (1-based), the
 * body's local output collection, and the completion condition.
 */
export function inputCollection(body: ElementContext): EvaluationResult {
  const loop = body.element.loop!;
  const variables = body.ctx.state.visibleVariables(body.key);
  return evaluateExpression(loop.inputCollection, variables, 'array');
}

export function progressOf(body: ElementContext): MultiInstanceProgress {
  return (
    body.ctx.state.elementInstances.get(body.key)?.multiInstance ?? {
      started: 0,
      completed: 0,
      terminated: 0,
    }
  );
}

/**
 * Local variables of a new inner instance, in Zeebe's order: the input element, the output
 * element's variable (null) when the output element only reads a variable — so that a worker's
 * result lands in the instance instead of propagating to the process — and the loopCounter.
 */
export function createLoopVariables(body: ElementContext, innerKey: string): void {
  const loop = body.element.loop!;
  const loopCounter = progressOf(body).started;
  const local: Record<string, unknown> = {};
  if (loop.inputElement) {
    const collection = inputCollection(body);
    const items = collection.ok ? (collection.value as unknown[]) : [];
    local[loop.inputElement] = items[loopCounter - 1] ?? null;
  }
  const output = loop.outputElement?.kind === 'feel' ? variableRead(loop.outputElement.source) : '';
  if (output && output !== loop.inputElement && output !== 'loopCounter') local[output] = null;
  local.loopCounter = loopCounter;
  const inner = body.ctx.state.elementInstances.get(innerKey)!;
  setLocalVariables(body.ctx, innerKey, local, inner.value);
}

/** The variable an expression reads when it is just a name or a path (`result`, `r.value`). */
function variableRead(source: string): string | undefined {
  return /^\s*([A-Za-z_][\w]*)(\s*\.\s*[A-Za-z_][\w]*)*\s*$/.exec(source)?.[1];
}

/**
 * While an inner instance completes (its variables still there): its output element goes into
 * the output collection at its loopCounter's index, and the completion condition is evaluated
 * in its scope, where numberOfInstances and friends take precedence over variables. The result
 * (whether the condition is fulfilled) is handed to the body's onChildCompleted.
 */
export function beforeInnerCompleted(body: ElementContext, inner: ElementContext): BeforeCompleted {
  const loop = body.element.loop!;
  const innerVariables = body.ctx.state.visibleVariables(inner.key);
  if (loop.outputCollection && loop.outputElement) {
    const element = evaluateExpression(loop.outputElement, innerVariables, 'any');
    if (!element.ok)
      return { ok: false, errorType: 'EXTRACT_VALUE_ERROR', message: element.message };
    const current = body.ctx.state.localVariables(body.key)[loop.outputCollection];
    const collection = Array.isArray(current) ? [...(current as unknown[])] : [];
    collection[Number(innerVariables.loopCounter) - 1] = element.value;
    setLocalVariables(body.ctx, body.key, { [loop.outputCollection]: collection }, body.value);
  }
  if (!loop.completionCondition) return { ok: true, value: false };
  const progress = progressOf(body);
  // Counted as Zeebe counts them while the instance completes: it is no longer active.
  const done = evaluateCondition(loop.completionCondition, {
    ...innerVariables,
    numberOfInstances: progress.started,
    numberOfActiveInstances: body.ctx.state.childKeys(body.key).length - 1,
    numberOfCompletedInstances: progress.completed + 1,
    numberOfTerminatedInstances: progress.terminated,
  });
  if (!done.ok) return { ok: false, errorType: 'EXTRACT_VALUE_ERROR', message: done.message };
  return { ok: true, value: done.value };
}
