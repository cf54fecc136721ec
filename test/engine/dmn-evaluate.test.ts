/**
 * DMN 1.3 decision evaluation as Camunda 8.8 documents it (docs.camunda.io → DMN → Decision
 * table, Hit policy, Decision requirements graph, Literal expression), without an engine.
 */
import fs from 'node:fs';
import { evaluateDecision, parseDmn, type ExecutableDrg } from '../../engine/dmn';
import { modelPath } from './elements-helpers';

async function load(name: string): Promise<ExecutableDrg> {
  const drg = await parseDmn(fs.readFileSync(modelPath(name), 'utf8'));
  if ('errors' in drg) throw new Error(drg.errors.join('\n'));
  return drg;
}

describe('DMN decision tables', () => {
  let policies: ExecutableDrg;
  let routing: ExecutableDrg;
  const run = (drg: ExecutableDrg, id: string, variables: Record<string, unknown>) =>
    evaluateDecision(drg.decisions, id, variables);
  const output = (drg: ExecutableDrg, id: string, variables: Record<string, unknown>) => {
    const outcome = run(drg, id, variables);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.output;
  };

  beforeAll(async () => {
    policies = await load('dmn-hit-policies.dmn');
    routing = await load('dmn-routing.dmn');
  });

  it('parses the decision requirements graph: its id, name and decisions', () => {
    expect(routing.decisionRequirementsId).toBe('demandRouting');
    expect(routing.name).toBe('Demand routing');
    expect(routing.decisions.map((d) => d.decisionId)).toEqual(['routeDemand', 'assessDifficulty']);
    expect(routing.decisions[0]!.requires).toEqual(['assessDifficulty']);
  });

  it('UNIQUE: the single matching rule gives the output; no match gives null', () => {
    expect(output(policies, 'uniqueOverlap', { amount: 5 })).toBe('low');
    expect(output(policies, 'uniqueOverlap', { amount: -1 })).toBeNull();
  });

  it('UNIQUE: more than one matching rule is a failure naming the rules', () => {
    const outcome = run(policies, 'uniqueOverlap', { amount: 150 });
    expect(outcome).toMatchObject({ ok: false, failedDecisionId: 'uniqueOverlap' });
    expect(!outcome.ok && outcome.message).toBe(
      "Expected to evaluate decision 'uniqueOverlap', but multiple rules matched for hit policy 'UNIQUE', only one is allowed: 'u_r1', 'u_r2'",
    );
  });

  it('FIRST: the first matching rule in rule order wins; empty and "-" entries match anything', () => {
    expect(output(routing, 'assessDifficulty', { pages: 20 })).toBe('hard');
    expect(output(routing, 'assessDifficulty', { pages: 2 })).toBe('easy');
  });

  it('PRIORITY: the match whose output comes first in the output values wins', () => {
    expect(output(policies, 'priorityLevel', { amount: 500 })).toBe('urgent');
    expect(output(policies, 'priorityLevel', { amount: 50 })).toBe('normal');
    expect(output(policies, 'priorityLevel', { amount: 1 })).toBe('low');
  });

  it('ANY: matches must agree on their output, else the evaluation fails', () => {
    expect(output(policies, 'anyAgree', { amount: 15 })).toBe(true);
    const outcome = run(policies, 'anyAgree', { amount: 5 });
    expect(outcome.ok).toBe(false);
  });

  it('COLLECT: the outputs of all matching rules as a list, in rule order', () => {
    expect(output(policies, 'collectList', { amount: 20 })).toEqual([5, 2]);
    expect(output(policies, 'collectList', { amount: -5 })).toEqual([]);
  });

  it('COLLECT with SUM, MIN, MAX and COUNT aggregates the matched outputs', () => {
    expect(output(policies, 'collectSum', { amount: 2000 })).toBe(115);
    expect(output(policies, 'collectMin', { amount: 20 })).toBe(5);
    expect(output(policies, 'collectMax', { amount: 20 })).toBe(10);
    expect(output(policies, 'collectCount', { amount: 20 })).toBe(2);
    expect(output(policies, 'collectCount', { amount: -1 })).toBe(0);
    expect(output(policies, 'collectSum', { amount: -1 })).toBeNull();
  });

  it('RULE ORDER with several outputs: a list of contexts keyed by output name', () => {
    expect(output(policies, 'ruleOrder', { amount: 20 })).toEqual([
      { code: 'a', weight: 1 },
      { code: 'b', weight: 2 },
    ]);
  });

  it('a literal expression decision evaluates its FEEL expression', () => {
    expect(output(policies, 'greeting', { name: 'Ana' })).toBe('Hello Ana');
  });

  it('required decisions are evaluated first; their result is available under their id', () => {
    const outcome = run(routing, 'routeDemand', { category: 'housing', pages: 30 });
    expect(outcome).toMatchObject({ ok: true, output: 'specialist' });
    expect(outcome.evaluated.map((d) => d.decisionId)).toEqual(['assessDifficulty', 'routeDemand']);
    expect(output(routing, 'routeDemand', { category: 'transport', pages: 30 })).toBe('senior');
    expect(output(routing, 'routeDemand', { category: 'transport', pages: 1 })).toBe('front-desk');
  });

  it('reports evaluated inputs and matched rules with their evaluated outputs', () => {
    const outcome = run(routing, 'routeDemand', { category: 'housing', pages: 30 });
    expect(outcome.evaluated[1]).toEqual({
      decisionId: 'routeDemand',
      decisionName: 'Route demand',
      decisionType: 'DECISION_TABLE',
      decisionOutput: '"specialist"',
      evaluatedInputs: [
        { inputId: 'in_category', inputName: 'Category', inputValue: '"housing"' },
        { inputId: 'in_difficulty', inputName: 'Difficulty', inputValue: '"hard"' },
      ],
      matchedRules: [
        {
          ruleId: 'rule_housing_hard',
          ruleIndex: 1,
          evaluatedOutputs: [
            { outputId: 'out_tier', outputName: 'tier', outputValue: '"specialist"' },
          ],
        },
      ],
    });
  });

  it('rejects a DMN that is not well-formed or names an unknown required decision', async () => {
    expect(await parseDmn('<definitions')).toHaveProperty('errors');
    const xml = fs
      .readFileSync(modelPath('dmn-routing.dmn'), 'utf8')
      .replace('href="#assessDifficulty"', 'href="#nowhere"');
    expect(await parseDmn(xml)).toEqual({
      errors: ["Decision 'routeDemand' requires the unknown decision 'nowhere'"],
    });
    const badTest = fs
      .readFileSync(modelPath('dmn-routing.dmn'), 'utf8')
      .replace('<text>&gt; 10</text>', '<text>&gt; &gt;</text>');
    expect(await parseDmn(badTest)).toEqual({
      errors: ["Decision 'assessDifficulty': failed to parse unary test '> >'"],
    });
  });
});
