/**
 * Tasks the engine runs itself instead of handing a job to a worker: business rule tasks with
 * `zeebe:calledDecision` (Camunda docs, "Business rule tasks") and script tasks with
 * `zeebe:script` (Camunda docs, "Script tasks"). Without these extensions both are job-based.
 */
import { toExpression } from './expression';
import { bindingOf } from './parse-binding';
import type { FlowElement } from './model';
import { extension, idOf, is, text, type BpmnProblem, type ModdleElement } from './moddle';

/** `zeebe:calledDecision` of a business rule task: both attributes are required (Zeebe). */
export function calledDecisionOf(
  element: ModdleElement,
  problems: BpmnProblem[],
): FlowElement['calledDecision'] {
  if (!is(element, 'bpmn:BusinessRuleTask')) return undefined;
  const called = extension(element, 'zeebe:CalledDecision');
  if (!called) return undefined;
  const decisionId = text(called, 'decisionId');
  const resultVariable = text(called, 'resultVariable');
  if (!decisionId || !resultVariable) {
    const id = idOf(element);
    problems.push({
      elementId: id,
      message: `Element '${id}': zeebe:calledDecision must have a decisionId and a resultVariable`,
    });
    return undefined;
  }
  return {
    decisionId: toExpression(decisionId),
    resultVariable,
    ...bindingOf(element, called, problems),
  };
}

/**
 * `zeebe:script` of a script task: a FEEL expression (Zeebe rejects a static value) and the
 * variable that receives its result, both required.
 */
export function scriptOf(element: ModdleElement, problems: BpmnProblem[]): FlowElement['script'] {
  if (!is(element, 'bpmn:ScriptTask')) return undefined;
  const script = extension(element, 'zeebe:Script');
  if (!script) return undefined;
  const id = idOf(element);
  const source = text(script, 'expression');
  const resultVariable = text(script, 'resultVariable');
  if (!source || !resultVariable) {
    problems.push({
      elementId: id,
      message: `Element '${id}': zeebe:script must have an expression and a resultVariable`,
    });
    return undefined;
  }
  const expression = toExpression(source);
  if (expression.kind === 'static') {
    problems.push({
      elementId: id,
      message: `Element '${id}': Expected expression but found static value '${source}'. An expression must start with '=' (e.g. '=${source}').`,
    });
    return undefined;
  }
  return { expression, resultVariable };
}
