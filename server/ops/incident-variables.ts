import type { EngineIncident, OpsEngine } from './ops-engine';
import { isPersonalName, maskPersonal } from './personal-data';

/** A variable as the incident's element sees it; the innermost scope wins, as in Zeebe. */
export interface VisibleVariable {
  name: string;
  /** The parsed value, personal data masked; null when `truncated` or `masked`. */
  value: unknown;
  /** The whole value is personal data (its name says so): not shown, not editable. */
  masked: boolean;
  /** The engine cut the value (too long to show). */
  truncated: boolean;
  scopeKey: string;
  /** `element`: the incident's element instance; `subprocess`: a scope between; `process`. */
  scope: 'element' | 'subprocess' | 'process';
}

/** Element types that open a scope of their own. */
const CONTAINER = /^<([\w-]+:)?(subProcess|transaction|adHocSubProcess)\b[^>]*?(\/?)>$/;

/**
 * The ids of the sub-processes that contain `elementId` in the BPMN, outermost first: a scan of
 * start and end tags keeping a stack of open containers.
 */
export function containerIdsOf(xml: string, elementId: string): string[] {
  const stack: string[] = [];
  for (const match of xml.matchAll(/<\/?[\w-]+(?::[\w-]+)?\b[^>]*>/g)) {
    const tag = match[0];
    const id = /\sid\s*=\s*"([^"]*)"/.exec(tag)?.[1];
    if (id === elementId) return [...stack];
    if (tag.startsWith('</')) {
      if (/^<\/([\w-]+:)?(subProcess|transaction|adHocSubProcess)\s*>$/.test(tag)) stack.pop();
      continue;
    }
    const container = CONTAINER.exec(tag);
    if (container && container[3] !== '/') stack.push(id ?? '');
  }
  return [];
}

/**
 * The variables visible at the incident's element: those of its element instance, of the
 * sub-process instances it runs in, and of its process instance. The search does not give an
 * element instance's flow scope, so the scopes between are the active instances of the BPMN
 * containers around the element; a container with several active instances (iterations of a
 * multi-instance sub-process) cannot be told apart and is left out.
 */
export async function variablesAtIncident(
  engine: OpsEngine,
  incident: EngineIncident,
  xml: string,
): Promise<VisibleVariable[]> {
  const [variables, active] = await Promise.all([
    engine.variablesOf(incident.processInstanceKey),
    engine.activeElementInstances(incident.processInstanceKey),
  ]);
  // Innermost first.
  const chain: Array<{ key: string; scope: VisibleVariable['scope'] }> = [
    { key: incident.elementInstanceKey, scope: 'element' },
  ];
  for (const id of containerIdsOf(xml, incident.elementId).reverse()) {
    const instances = active.filter((instance) => instance.elementId === id);
    const bodies = instances.filter((instance) => instance.type === 'MULTI_INSTANCE_BODY');
    const inner = instances.filter((instance) => instance.type !== 'MULTI_INSTANCE_BODY');
    if (inner.length === 1) chain.push({ key: inner[0]!.key, scope: 'subprocess' });
    if (bodies.length === 1) chain.push({ key: bodies[0]!.key, scope: 'subprocess' });
  }
  chain.push({ key: incident.processInstanceKey, scope: 'process' });

  const visible = new Map<string, VisibleVariable>();
  for (const { key, scope } of chain) {
    for (const variable of variables.filter((v) => v.scopeKey === key)) {
      if (visible.has(variable.name)) continue;
      visible.set(variable.name, shown(variable.name, variable.value, key, scope));
    }
  }
  return [...visible.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function shown(
  name: string,
  text: string | null,
  scopeKey: string,
  scope: VisibleVariable['scope'],
): VisibleVariable {
  const common = { name, scopeKey, scope };
  if (isPersonalName(name)) return { ...common, value: null, masked: true, truncated: false };
  if (text === null) return { ...common, value: null, masked: false, truncated: true };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ...common, value: null, masked: false, truncated: true };
  }
  return { ...common, value: maskPersonal(value), masked: false, truncated: false };
}
