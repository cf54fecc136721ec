import { expressionText } from '../../bpmn/expression';
import { evaluateCondition, evaluateExpression, type EvaluationResult } from '../../feel';
import type { ProcessInstanceValue } from '../../state/types';
import { childValue, type ElementContext } from '../element-context';
import { activateChild, type BeforeCompleted } from './lifecycle';
import { setLocalVariables } from './variables';

/**
 * What an ad-hoc sub-process does with its inner elements (Camunda 8.8, "Ad-hoc
 * sub-processes"; Zeebe's BpmnAdHocSubProcessBehavior). Each activation of an inner element
 * gets its own inner instance — an `AD_HOC_SUB_PROCESS_INNER_INSTANCE` scope between the
 * sub-process and the element, created by events as Zeebe creates it — which holds the
 * variables given with the activation and ends when the flow started there ends.
 */

/** The variable that lists the activatable elements, set when the sub-process activates. */
export const AD_HOC_ELEMENTS_VARIABLE = 'adHocSubProcessElements';

/** Creates an inner instance with `variables` as its local variables, and activates the element in it. */
export function activateAdHocElement(
  adHocSubProcess: ElementContext,
  elementId: string,
  variables: Record<string, unknown>,
): void {
  const { ctx, process } = adHocSubProcess;
  const innerElement = process.elements[adHocSubProcess.element.adHoc!.innerInstanceId]!;
  const innerKey = ctx.nextKey();
  const inner: ProcessInstanceValue = childValue(adHocSubProcess, innerElement);
  const pi = inner.processInstanceKey;
  ctx.event('PROCESS_INSTANCE', 'ELEMENT_ACTIVATING', innerKey, inner, pi);
  ctx.event('PROCESS_INSTANCE', 'ELEMENT_ACTIVATED', innerKey, inner, pi);
  setLocalVariables(ctx, innerKey, variables, inner);
  activateChild(ctx, { key: innerKey, value: inner }, process.elements[elementId]!);
}

/** COMPLETE_ELEMENT for the ad-hoc sub-process (its condition met, nothing left inside). */
export function completeAdHocSubProcess(ec: ElementContext): void {
  ec.ctx.command(
    'PROCESS_INSTANCE',
    'COMPLETE_ELEMENT',
    ec.key,
    ec.value,
    ec.value.processInstanceKey,
  );
}

/** The ids that are no activatable element of the ad-hoc sub-process. */
export function unknownAdHocElements(adHocSubProcess: ElementContext, ids: string[]): string[] {
  const activatable = adHocSubProcess.element.adHoc!.activityIds;
  return ids.filter((id) => !activatable.includes(id));
}

/**
 * `activeElementsCollection`, evaluated on entry: a list of inner element ids (none when the
 * expression is absent). Anything else is an incident, worded as Zeebe words it.
 */
export function elementsToActivate(ec: ElementContext): EvaluationResult<string[]> {
  const expression = ec.element.adHoc!.activeElementsCollection;
  if (!expression) return { ok: true, value: [] };
  const variables = ec.ctx.state.visibleVariables(ec.key);
  const list = evaluateExpression(expression, variables, 'array', { now: new Date(ec.ctx.now) });
  const failed = (message: string) => ({
    ok: false as const,
    message: `Failed to activate ad-hoc elements. ${message}`,
  });
  if (!list.ok) return failed(list.message);
  const ids = list.value as unknown[];
  if (!ids.every((id): id is string => typeof id === 'string')) {
    return failed(
      `Expected result of the expression '${expressionText(expression).replace(/^=/, '')}' to be 'ARRAY' containing 'STRING' items, but was 'ARRAY' containing at least one non-'STRING' item.`,
    );
  }
  const unknown = unknownAdHocElements(ec, ids);
  if (unknown.length > 0) {
    const named = unknown.map((id) => `'${id}'`).join(', ');
    return failed(`No BPMN elements found with ids: ${named}.`);
  }
  return { ok: true, value: ids };
}

/**
 * While an inner instance completes (its variables still there): its `outputElement` is added
 * to the `outputCollection`, and the completion condition is evaluated in the sub-process's
 * scope. The value handed on is whether the condition is fulfilled (undefined: there is none).
 */
export function beforeInnerFlowCompleted(
  adHocSubProcess: ElementContext,
  inner: ElementContext,
): BeforeCompleted {
  const { ctx } = adHocSubProcess;
  const adHoc = adHocSubProcess.element.adHoc!;
  const options = { now: new Date(ctx.now) };
  let output: { value: unknown } | undefined;
  if (adHoc.outputCollection && adHoc.outputElement) {
    const innerVariables = ctx.state.visibleVariables(inner.key);
    const element = evaluateExpression(adHoc.outputElement, innerVariables, 'any', options);
    if (!element.ok) {
      return { ok: false, errorType: 'EXTRACT_VALUE_ERROR', message: element.message };
    }
    output = { value: element.value };
  }
  let fulfilled: boolean | undefined;
  // A job worker decides on completion itself (its job result), so no condition is evaluated.
  if (adHoc.completionCondition && !adHocSubProcess.element.job) {
    const variables = ctx.state.visibleVariables(adHocSubProcess.key);
    const condition = evaluateCondition(adHoc.completionCondition, variables, options);
    if (!condition.ok) {
      const message = `Failed to evaluate completion condition. ${condition.message}`;
      return { ok: false, errorType: 'EXTRACT_VALUE_ERROR', message };
    }
    fulfilled = condition.value;
  }
  if (output && adHoc.outputCollection) {
    const current = ctx.state.localVariables(adHocSubProcess.key)[adHoc.outputCollection];
    const collection = [...(Array.isArray(current) ? (current as unknown[]) : []), output.value];
    const document = { [adHoc.outputCollection]: collection };
    setLocalVariables(ctx, adHocSubProcess.key, document, adHocSubProcess.value);
  }
  return { ok: true, value: fulfilled };
}
