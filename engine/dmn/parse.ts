/**
 * Reading a `.dmn` resource (DMN 1.3, dmn-moddle) into its executable form. Like BPMN, any
 * problem rejects the whole deployment, worded as Zeebe's DMN parser does where known.
 */
import { DmnModdle } from 'dmn-moddle';
import { SyntaxError as FeelSyntaxError, unaryTest } from 'feelin';
import { checkFeelSyntax } from '../feel';
import { child, children, idOf, isElement, messageOf, text } from '../bpmn/moddle';
import type { ModdleElement } from '../bpmn/moddle';
import type {
  Aggregation,
  DecisionLogic,
  ExecutableDecision,
  ExecutableDrg,
  HitPolicy,
} from './model';

const moddle = new DmnModdle();

export async function parseDmn(xml: string): Promise<ExecutableDrg | { errors: string[] }> {
  let root: unknown;
  try {
    const { rootElement, warnings } = await moddle.fromXML(xml, 'dmn:Definitions');
    if (warnings.length > 0) {
      return { errors: warnings.map((w) => `Failed to parse the DMN: ${w.message}`) };
    }
    root = rootElement;
  } catch (error) {
    return { errors: [`Failed to parse the DMN: ${messageOf(error)}`] };
  }
  if (!isElement(root)) return { errors: ['Failed to parse the DMN: no definitions found'] };
  const errors: string[] = [];
  const decisions = children(root, 'drgElement')
    .filter((element) => element.$instanceOf('dmn:Decision'))
    .map((element) => readDecision(element, errors));
  if (decisions.length === 0) errors.push('Expected the DMN to contain at least one decision');
  const ids = new Set(decisions.map((d) => d.decisionId));
  for (const decision of decisions) {
    for (const required of decision.requires) {
      if (!ids.has(required)) {
        errors.push(
          `Decision '${decision.decisionId}' requires the unknown decision '${required}'`,
        );
      }
    }
  }
  if (errors.length > 0) return { errors };
  return {
    decisionRequirementsId: idOf(root),
    name: text(root, 'name') ?? idOf(root),
    decisions,
  };
}

function readDecision(element: ModdleElement, errors: string[]): ExecutableDecision {
  const decisionId = idOf(element);
  const requires = children(element, 'informationRequirement')
    .map((req) => text(child(req, 'requiredDecision'), 'href'))
    .filter((href): href is string => typeof href === 'string')
    .map((href) => href.replace(/^#/, ''));
  const logic = readLogic(decisionId, child(element, 'decisionLogic'), errors);
  const decision: ExecutableDecision = {
    decisionId,
    name: text(element, 'name') ?? decisionId,
    requires,
    logic,
  };
  // dmn-moddle knows no zeebe namespace: the tag is a generic extension element.
  const tag = children(child(element, 'extensionElements'), 'values').find(
    (value) => value.$type === 'zeebe:versionTag',
  );
  const versionTag = text(tag, 'value');
  if (versionTag) decision.versionTag = versionTag;
  return decision;
}

function readLogic(
  decisionId: string,
  logic: ModdleElement | undefined,
  errors: string[],
): DecisionLogic {
  const feel = (source: string): string => {
    const problem = checkFeelSyntax(source);
    if (problem) errors.push(`Decision '${decisionId}': ${problem}`);
    return source;
  };
  // Unary tests have their own grammar: parsing one means running it (on null, harmless).
  const unary = (source: string): string => {
    if (source.trim() === '' || source.trim() === '-') return source;
    try {
      unaryTest(source, { '?': null }, 'camunda');
    } catch (error) {
      if (error instanceof FeelSyntaxError) {
        errors.push(`Decision '${decisionId}': failed to parse unary test '${source}'`);
      }
    }
    return source;
  };
  if (logic?.$instanceOf('dmn:LiteralExpression')) {
    const variable = child(logic.$parent, 'variable');
    return {
      kind: 'literal',
      expression: feel(text(logic, 'text') ?? 'null'),
      variableName: text(variable, 'name') ?? decisionId,
    };
  }
  if (!logic?.$instanceOf('dmn:DecisionTable')) {
    errors.push(`Decision '${decisionId}': expected a decision table or a literal expression`);
    return { kind: 'literal', expression: 'null', variableName: decisionId };
  }
  const inputs = children(logic, 'input').map((input) => ({
    id: idOf(input),
    name: text(input, 'label') ?? idOf(input),
    expression: feel(text(child(input, 'inputExpression'), 'text') ?? 'null'),
  }));
  const outputs = children(logic, 'output').map((output) => ({
    id: idOf(output),
    name: text(output, 'name') ?? idOf(output),
    priorities: listItems(text(child(output, 'outputValues'), 'text')),
  }));
  const rules = children(logic, 'rule').map((rule) => ({
    id: idOf(rule),
    inputEntries: children(rule, 'inputEntry').map((e) => unary(text(e, 'text') ?? '')),
    outputEntries: children(rule, 'outputEntry').map((e) => feel(text(e, 'text') || 'null')),
  }));
  for (const rule of rules) {
    if (
      rule.inputEntries.length !== inputs.length ||
      rule.outputEntries.length !== outputs.length
    ) {
      errors.push(`Decision '${decisionId}': rule '${rule.id}' does not match the table's columns`);
    }
  }
  if (outputs.length === 0) errors.push(`Decision '${decisionId}': expected at least one output`);
  const hitPolicy = (text(logic, 'hitPolicy') ?? 'UNIQUE') as HitPolicy;
  if (!['UNIQUE', 'FIRST', 'PRIORITY', 'ANY', 'COLLECT', 'RULE ORDER'].includes(hitPolicy)) {
    errors.push(`Decision '${decisionId}': the hit policy '${hitPolicy}' is not supported`);
  }
  const aggregation = text(logic, 'aggregation') as Aggregation | undefined;
  return { kind: 'table', hitPolicy, aggregation, inputs, outputs, rules };
}

/** `"urgent","normal"` → the items' FEEL sources, for PRIORITY ordering. */
function listItems(source: string | undefined): string[] {
  if (!source?.trim()) return [];
  return source.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((item) => item.trim());
}
