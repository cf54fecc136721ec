import { engineUnavailable } from '../camunda';
import { isoWithOffset } from '../http';
import type { ProcessHistory, ReplayInstance, ReplayStep } from './replay-model';

/**
 * The embedded engine's own record history (`GET /engine/v1/process-instances/{key}/records`
 * on its REST port): every record of an instance and of the instances it called, in log order,
 * with the verdict on the hash chain over them. A Camunda cluster has no such endpoint; there
 * the replay reads element instances instead (`element-instances.ts`).
 */

interface EngineRecord {
  position: string | number;
  key: string;
  recordType: string;
  valueType: string;
  intent: string;
  timestamp: number;
  value: Record<string, unknown>;
}

const ELEMENT_EVENTS = new Set([
  'ELEMENT_ACTIVATED',
  'ELEMENT_COMPLETED',
  'ELEMENT_TERMINATED',
  'SEQUENCE_FLOW_TAKEN',
]);
const TASK_EVENTS = new Set(['CREATED', 'ASSIGNED', 'UPDATED', 'COMPLETED', 'CANCELED']);
const INCIDENT_EVENTS = new Set(['CREATED', 'RESOLVED']);

const key = (value: unknown): string | null =>
  value === undefined || value === null || String(value) === '-1' ? null : String(value);

function stepOf(record: EngineRecord): ReplayStep | undefined {
  if (record.recordType !== 'EVENT') return undefined;
  const v = record.value;
  const base = {
    at: isoWithOffset(new Date(record.timestamp)),
    position: String(record.position),
    processInstanceKey: String(v.processInstanceKey),
    processDefinitionKey: String(v.processDefinitionKey),
    elementId: String(v.elementId ?? ''),
  };
  if (record.valueType === 'PROCESS_INSTANCE' && ELEMENT_EVENTS.has(record.intent)) {
    return {
      ...base,
      event: record.intent,
      elementType: typeof v.bpmnElementType === 'string' ? v.bpmnElementType : null,
      elementInstanceKey: String(record.key),
    };
  }
  if (record.valueType === 'USER_TASK' && TASK_EVENTS.has(record.intent)) {
    return {
      ...base,
      event: `USER_TASK_${record.intent}`,
      elementType: 'USER_TASK',
      elementInstanceKey: key(v.elementInstanceKey),
      userTaskKey: String(v.userTaskKey ?? record.key),
      ...(record.intent === 'ASSIGNED' ? { assignee: (v.assignee as string) || null } : {}),
    };
  }
  if (record.valueType === 'INCIDENT' && INCIDENT_EVENTS.has(record.intent)) {
    return {
      ...base,
      event: `INCIDENT_${record.intent}`,
      elementType: null,
      elementInstanceKey: key(v.elementInstanceKey),
    };
  }
  return undefined;
}

function instanceOf(record: EngineRecord): ReplayInstance | undefined {
  const v = record.value;
  if (
    record.recordType !== 'EVENT' ||
    record.valueType !== 'PROCESS_INSTANCE' ||
    record.intent !== 'ELEMENT_ACTIVATED' ||
    v.bpmnElementType !== 'PROCESS'
  ) {
    return undefined;
  }
  return {
    key: String(v.processInstanceKey),
    processDefinitionKey: String(v.processDefinitionKey),
    processDefinitionId: typeof v.bpmnProcessId === 'string' ? v.bpmnProcessId : null,
    version: typeof v.version === 'number' ? v.version : null,
    parentProcessInstanceKey: key(v.parentProcessInstanceKey),
  };
}

/**
 * Which variables changed before each step: the engine writes a user task's form values and an
 * element's output mappings just before the element completes, so the names seen since an
 * instance's last step belong to its next one. Only names are kept.
 */
class VariablesChanged {
  private readonly pending = new Map<string, Set<string>>();

  note(record: EngineRecord): void {
    if (record.recordType !== 'EVENT' || record.valueType !== 'VARIABLE') return;
    if (record.intent !== 'CREATED' && record.intent !== 'UPDATED') return;
    const instance = String(record.value.processInstanceKey);
    const names = this.pending.get(instance) ?? new Set<string>();
    names.add(String(record.value.name));
    this.pending.set(instance, names);
  }

  attachTo(step: ReplayStep): ReplayStep {
    const names = this.pending.get(step.processInstanceKey);
    if (!names) return step;
    this.pending.delete(step.processInstanceKey);
    return { ...step, variables: [...names] };
  }
}

export function createEngineRecords(baseUrl: string, timeoutMs = 10_000) {
  const root = baseUrl.replace(/\/+$/, '').replace(/\/v2$/, '');

  async function records(
    processInstanceKey: string,
  ): Promise<{ items: EngineRecord[]; chain: Record<string, unknown> } | undefined> {
    let response: Response;
    try {
      response = await fetch(`${root}/engine/v1/process-instances/${processInstanceKey}/records`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch {
      throw engineUnavailable();
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw engineUnavailable();
    return (await response.json()) as { items: EngineRecord[]; chain: Record<string, unknown> };
  }

  /** The history of the demand's process instances (oldest first), from the engine's log. */
  return async function history(rootKeys: string[]): Promise<ProcessHistory> {
    const steps: ReplayStep[] = [];
    const instances: ReplayInstance[] = [];
    const chains: Array<{ key: string } & Record<string, unknown>> = [];
    for (const rootKey of rootKeys) {
      const found = await records(rootKey);
      if (!found) continue;
      chains.push({ key: rootKey, ...found.chain });
      const changed = new VariablesChanged();
      for (const record of found.items) {
        const instance = instanceOf(record);
        if (instance) instances.push(instance);
        changed.note(record);
        const step = stepOf(record);
        if (step) steps.push(changed.attachTo(step));
      }
    }
    return {
      source: 'engine-records',
      instances,
      steps,
      chain: { verified: chains.every((chain) => chain.verified === true), instances: chains },
      userTaskKeys: [
        ...new Set(steps.flatMap((step) => (step.userTaskKey ? [step.userTaskKey] : []))),
      ],
    };
  };
}
