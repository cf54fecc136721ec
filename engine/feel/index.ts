/** The engine's FEEL: evaluation and type checks as Zeebe does them, over feelin. */
export {
  evaluateCondition,
  evaluateExpression,
  type EvaluationOptions,
  type EvaluationResult,
  type ExpectedType,
} from './evaluate';
export { evaluateDateTime, evaluateInterval } from './temporal';
export { resultTypeOf, toJsonValue, type ResultType } from './convert';
export { checkFeelSyntax } from './syntax';
