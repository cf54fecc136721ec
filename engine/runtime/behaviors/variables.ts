import type { VariableMapping } from '../../bpmn/model';
import { evaluateExpression } from '../../feel';
import type { ProcessingContext } from '../../processing/context';
import type { VariableRecordValue } from '../../state/appliers';
import type { ProcessInstanceValue } from '../../state/types';
import type { ElementContext } from '../element-context';
import { isInnerInstance } from './boundary-events';
import { listenersRanInStep } from './execution-listeners';

export type Outcome = { ok: true } | { ok: false; message: string };

/**
 * Variable scoping as Camunda documents it ("Variables" → scope, propagation, mappings):
 * every element instance is a scope; a variable is visible in its scope and every scope
 * below it; merging a document sets each variable in the nearest scope that already has it,
 * or else in the process instance (root) scope.
 */
function writeVariable(
  ctx: ProcessingContext,
  scopeKey: string,
  name: string,
  value: unknown,
  pi: ProcessInstanceValue,
): void {
  const existing = ctx.state.variables.get(scopeKey)?.get(name);
  const json = JSON.stringify(value ?? null);
  if (existing && JSON.stringify(existing.value ?? null) === json) return; // unchanged: no record
  const record: VariableRecordValue = {
    name,
    value: json,
    scopeKey,
    processInstanceKey: pi.processInstanceKey,
    processDefinitionKey: pi.processDefinitionKey,
    bpmnProcessId: pi.bpmnProcessId,
    tenantId: pi.tenantId,
  };
  if (existing) {
    ctx.event('VARIABLE', 'UPDATED', existing.key, record, pi.processInstanceKey);
  } else {
    ctx.event('VARIABLE', 'CREATED', ctx.nextKey(), record, pi.processInstanceKey);
  }
}

export function setLocalVariables(
  ctx: ProcessingContext,
  scopeKey: string,
  document: Record<string, unknown>,
  pi: ProcessInstanceValue,
): void {
  for (const [name, value] of Object.entries(document))
    writeVariable(ctx, scopeKey, name, value, pi);
}

/** Sets each variable in the nearest scope (from `scopeKey` up) that has it, else in the root. */
export function mergeVariables(
  ctx: ProcessingContext,
  scopeKey: string,
  document: Record<string, unknown>,
  pi: ProcessInstanceValue,
): void {
  for (const [name, value] of Object.entries(document)) {
    let target = pi.processInstanceKey;
    let current: string | undefined = scopeKey;
    while (current && current !== '-1') {
      if (ctx.state.variables.get(current)?.has(name)) {
        target = current;
        break;
      }
      const instance = ctx.state.elementInstances.get(current);
      // A child process instance's root is the top: variables never leak into the parent.
      if (!instance || instance.value.bpmnElementType === 'PROCESS') break;
      current = instance.value.flowScopeKey;
    }
    writeVariable(ctx, target, name, value, pi);
  }
}

/** Sets `value` at a dotted `path` inside `into` (creating nested contexts). */
export function assignPath(into: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = into;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[part] = {};
    else node[part] = { ...(next as Record<string, unknown>) };
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/**
 * Evaluates mappings in order; each sees the variables plus the results of the mappings
 * before it. Returns the resulting document (keyed by the target's first path segment).
 * `now` is the engine clock, so FEEL's now() in a mapping follows `PUT /v2/clock` as in Zeebe.
 */
export function evaluateMappings(
  mappings: VariableMapping[],
  variables: Record<string, unknown>,
  seedFromVariables: boolean,
  now?: number,
): { ok: true; document: Record<string, unknown> } | { ok: false; message: string } {
  const document: Record<string, unknown> = {};
  for (const mapping of mappings) {
    const result = evaluateExpression(mapping.source, { ...variables, ...document }, 'any', {
      now: now === undefined ? undefined : new Date(now),
    });
    if (!result.ok) return { ok: false, message: result.message };
    const root = mapping.target.split('.')[0]!;
    if (seedFromVariables && !(root in document) && mapping.target.includes('.')) {
      const current = variables[root];
      if (typeof current === 'object' && current !== null && !Array.isArray(current)) {
        document[root] = { ...(current as Record<string, unknown>) };
      }
    }
    assignPath(document, mapping.target, result.value);
  }
  return { ok: true, document };
}

/** Input mappings: evaluated in the element's scope, results become its local variables. */
export function applyInputMappings(
  ec: ElementContext,
  extra: Record<string, unknown> = {},
): Outcome {
  // Run again after its start listeners: the mappings are applied, listener variables kept.
  if (ec.element.inputMappings.length === 0 || listenersRanInStep(ec)) return { ok: true };
  const visible = { ...ec.ctx.state.visibleVariables(ec.key), ...extra };
  const result = evaluateMappings(ec.element.inputMappings, visible, false, ec.ctx.now);
  if (!result.ok) return result;
  setLocalVariables(ec.ctx, ec.key, result.document, ec.value);
  return { ok: true };
}

/**
 * Output mappings: evaluated in the element's scope, results merged into its flow scope —
 * except for an inner instance of a multi-instance activity, whose results are merged from the
 * instance itself, so that they reach its local output element variable (Zeebe's
 * BpmnVariableMappingBehavior#getVariableScopeKey).
 */
export function applyOutputMappings(
  ec: ElementContext,
  extra: Record<string, unknown> = {},
): Outcome {
  if (ec.element.outputMappings.length === 0 || listenersRanInStep(ec)) return { ok: true };
  const visible = { ...ec.ctx.state.visibleVariables(ec.key), ...extra };
  const result = evaluateMappings(ec.element.outputMappings, visible, true, ec.ctx.now);
  if (!result.ok) return result;
  const isInner = isInnerInstance(ec.ctx, ec.value);
  mergeVariables(ec.ctx, isInner ? ec.key : ec.value.flowScopeKey, result.document, ec.value);
  return { ok: true };
}

/**
 * Variables arriving from outside (job completion, child process): with output mappings they
 * stay local to the element (the mappings decide what leaves); without, they propagate.
 */
export function acceptResultVariables(ec: ElementContext, document: Record<string, unknown>): void {
  if (ec.element.outputMappings.length > 0) setLocalVariables(ec.ctx, ec.key, document, ec.value);
  else mergeVariables(ec.ctx, ec.key, document, ec.value);
}
