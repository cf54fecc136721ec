/**
 * Evaluating a decision as Zeebe's DMN engine (dmn-scala) does: required decisions first (each
 * result visible under its decision id), then the decision table — inputs as FEEL expressions,
 * input entries as FEEL unary tests (`-` or empty = any), output entries as FEEL expressions
 * of the matched rules only — combined by the hit policy.
 */
import { unaryTest } from 'feelin';
import { evaluateExpression } from '../feel';
import type { DecisionOutcome, EvaluatedDecision, ExecutableDecision, TableRule } from './model';
import { applyHitPolicy, type Match } from './hit-policy';

/** Fails one decision; carries the message up to the evaluation result. */
class DecisionFailure extends Error {}

/**
 * Evaluates `decisionId` from `decisions` (its DRG) against `variables`. A failure names the
 * decision that failed and keeps the decisions evaluated before it, as Zeebe reports them.
 */
export function evaluateDecision(
  decisions: ExecutableDecision[],
  decisionId: string,
  variables: Record<string, unknown>,
  now?: Date,
): DecisionOutcome {
  const byId = new Map(decisions.map((d) => [d.decisionId, d]));
  const evaluated: EvaluatedDecision[] = [];
  const results = new Map<string, unknown>();
  let current = decisionId;
  const run = (id: string, path: string[]): unknown => {
    if (results.has(id)) return results.get(id);
    const decision = byId.get(id);
    if (!decision) throw new DecisionFailure(`no decision found for id '${id}'`);
    if (path.includes(id)) throw new DecisionFailure(`a cyclic dependency on '${id}' was found`);
    const scope = { ...variables };
    for (const required of decision.requires) scope[required] = run(required, [...path, id]);
    current = id;
    const { output, details } = evaluateOne(decision, scope, now);
    evaluated.push(details);
    results.set(id, output);
    return output;
  };
  try {
    return { ok: true, output: run(decisionId, []), evaluated };
  } catch (error) {
    if (!(error instanceof DecisionFailure)) throw error;
    return {
      ok: false,
      failedDecisionId: current,
      message: `Expected to evaluate decision '${decisionId}', but ${error.message}`,
      evaluated,
    };
  }
}

function feel(source: string, scope: Record<string, unknown>, now?: Date): unknown {
  const result = evaluateExpression({ kind: 'feel', source }, scope, 'any', { now });
  if (!result.ok) throw new DecisionFailure(result.message);
  return result.value;
}

function evaluateOne(
  decision: ExecutableDecision,
  scope: Record<string, unknown>,
  now?: Date,
): { output: unknown; details: EvaluatedDecision } {
  const { logic } = decision;
  const base = { decisionId: decision.decisionId, decisionName: decision.name };
  if (logic.kind === 'literal') {
    const output = feel(logic.expression, scope, now);
    const details: EvaluatedDecision = {
      ...base,
      decisionType: 'LITERAL_EXPRESSION',
      decisionOutput: JSON.stringify(output),
      evaluatedInputs: [],
      matchedRules: [],
    };
    return { output, details };
  }
  const inputValues = logic.inputs.map((input) => feel(input.expression, scope, now));
  const matching = logic.rules
    .map((rule, index) => ({ rule, index }))
    .filter(({ rule }) => matches(rule, inputValues, scope));
  // FIRST needs only the first match's outputs; the other policies look at all matches.
  const considered = logic.hitPolicy === 'FIRST' ? matching.slice(0, 1) : matching;
  const hits: Match[] = considered.map(({ rule, index }) => ({
    ruleId: rule.id,
    ruleIndex: index + 1,
    outputs: rule.outputEntries.map((entry) => feel(entry, scope, now)),
  }));
  const applied = applyHitPolicy(logic, hits, (source) => feel(source, scope, now));
  if (!applied.ok) throw new DecisionFailure(applied.message);
  const details: EvaluatedDecision = {
    ...base,
    decisionType: 'DECISION_TABLE',
    decisionOutput: JSON.stringify(applied.output),
    evaluatedInputs: logic.inputs.map((input, i) => ({
      inputId: input.id,
      inputName: input.name,
      inputValue: JSON.stringify(inputValues[i] ?? null),
    })),
    matchedRules: applied.matched.map((match) => ({
      ruleId: match.ruleId,
      ruleIndex: match.ruleIndex,
      evaluatedOutputs: logic.outputs.map((output, i) => ({
        outputId: output.id,
        outputName: output.name,
        outputValue: JSON.stringify(match.outputs[i] ?? null),
      })),
    })),
  };
  return { output: applied.output, details };
}

/** A rule matches when every input entry's unary test is true for its input value. */
function matches(rule: TableRule, inputValues: unknown[], scope: Record<string, unknown>): boolean {
  return rule.inputEntries.every((entry, i) => {
    const test = entry.trim();
    if (test === '' || test === '-') return true;
    try {
      return unaryTest(test, { ...scope, '?': inputValues[i] ?? null }, 'camunda').value === true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DecisionFailure(`failed to evaluate the unary test '${test}': ${reason}`);
    }
  });
}
