import { KeyGenerator } from '../protocol/keys';
import { DecisionStore } from './decisions';
import { MessageStore } from './messages';
import { SignalStore } from './signals';
import { CompensationStore } from './compensations';
import type {
  DeployedForm,
  DeployedProcess,
  ElementInstance,
  Incident,
  Job,
  VariableEntry,
  Timer,
} from './types';
import type { UserTask } from './user-task';

/**
 * Everything the engine knows, in memory. It changes only through event appliers (see
 * `appliers/`), so replaying the log's events over a snapshot rebuilds it exactly.
 */
/** Timers belong to the instance that waits, or (timer start events) to their process definition. */
export function timerOwner(
  timer: Pick<Timer, 'elementInstanceKey' | 'processDefinitionKey'>,
): string {
  return timer.elementInstanceKey === '-1'
    ? `definition:${timer.processDefinitionKey}`
    : timer.elementInstanceKey;
}

export class EngineState {
  keys = new KeyGenerator(undefined);
  processes = new Map<string, DeployedProcess>();
  /** bpmnProcessId → process definition keys, oldest version first. */
  processVersions = new Map<string, string[]>();
  forms = new Map<string, DeployedForm>();
  formVersions = new Map<string, string[]>();
  /** Deployed DMN decisions and DRGs. */
  decisions = new DecisionStore();
  /** Buffered messages and message subscriptions. */
  messages = new MessageStore();
  /** Open signal subscriptions. */
  signals = new SignalStore();
  /** Completed activities that can be compensated. */
  compensations = new CompensationStore();
  elementInstances = new Map<string, ElementInstance>();
  /** flow scope key → keys of its live child element instances. */
  children = new Map<string, Set<string>>();
  /** scope key (element instance) → variable name → entry. */
  variables = new Map<string, Map<string, VariableEntry>>();
  jobs = new Map<string, Job>();
  /** job type → keys of activatable jobs, in creation order (FIFO activation). */
  activatableJobs = new Map<string, Set<string>>();
  incidents = new Map<string, Incident>();
  timers = new Map<string, Timer>();
  /** Process instances being created at a timer start event: instance key → start event id. */
  pendingStartEvents = new Map<string, string>();
  /** element instance key ('-1' for timer start events: process definition key) → timer keys. */
  timersByOwner = new Map<string, Set<string>>();
  /** Variables an event trigger hands to the catch event instance it activates. */
  eventVariables = new Map<string, Record<string, unknown>>();
  /** Process instances whose creator awaits the result (CreateProcessInstanceWithResult). */
  awaitingResults = new Map<string, { fetchVariables: string[] }>();
  /** Camunda user tasks (zeebe:userTask) by user task key, from creation until completed or canceled. */
  userTasks = new Map<string, UserTask>();
  /** Where the engine clock is pinned (epoch ms), or undefined when it follows real time. */
  pinnedClock: number | undefined = undefined;

  latestProcess(bpmnProcessId: string): DeployedProcess | undefined {
    const versions = this.processVersions.get(bpmnProcessId);
    const key = versions?.[versions.length - 1];
    return key ? this.processes.get(key) : undefined;
  }

  processByVersion(bpmnProcessId: string, version: number): DeployedProcess | undefined {
    const key = this.processVersions.get(bpmnProcessId)?.[version - 1];
    return key ? this.processes.get(key) : undefined;
  }

  latestForm(formId: string): DeployedForm | undefined {
    const versions = this.formVersions.get(formId);
    const key = versions?.[versions.length - 1];
    return key ? this.forms.get(key) : undefined;
  }

  /** The user task a (zeebe:userTask) element instance waits on; few are open, so a scan. */
  userTaskOf(elementInstanceKey: string): UserTask | undefined {
    for (const task of this.userTasks.values()) {
      if (task.value.elementInstanceKey === elementInstanceKey) return task;
    }
    return undefined;
  }

  childKeys(scopeKey: string): string[] {
    return [...(this.children.get(scopeKey) ?? [])];
  }

  /** Variables visible from `scopeKey`: its own, then each enclosing scope's (inner wins). */
  visibleVariables(scopeKey: string): Record<string, unknown> {
    const chain: string[] = [];
    let current: string | undefined = scopeKey;
    while (current && current !== '-1') {
      chain.push(current);
      current = this.elementInstances.get(current)?.value.flowScopeKey;
    }
    const result: Record<string, unknown> = {};
    for (let i = chain.length - 1; i >= 0; i--) {
      const scope = this.variables.get(chain[i]!);
      if (scope) for (const [name, entry] of scope) result[name] = entry.value;
    }
    return result;
  }

  localVariables(scopeKey: string): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const scope = this.variables.get(scopeKey);
    if (scope) for (const [name, entry] of scope) result[name] = entry.value;
    return result;
  }

  toSnapshot(): string {
    return JSON.stringify({
      lastKey: this.keys.lastKey,
      processes: [...this.processes.values()],
      forms: [...this.forms.values()],
      decisions: this.decisions.toSnapshot(),
      messages: this.messages.toSnapshot(),
      signals: this.signals.toSnapshot(),
      compensations: this.compensations.toSnapshot(),
      elementInstances: [...this.elementInstances.values()],
      variables: [...this.variables].map(([scope, vars]) => [scope, [...vars]]),
      jobs: [...this.jobs.values()],
      incidents: [...this.incidents.values()],
      eventVariables: [...this.eventVariables],
      awaitingResults: [...this.awaitingResults],
      timers: [...this.timers.values()],
      pendingStartEvents: [...this.pendingStartEvents],
      pinnedClock: this.pinnedClock ?? null,
      userTasks: [...this.userTasks.values()],
    });
  }

  static fromSnapshot(json: string): EngineState {
    const data = JSON.parse(json) as {
      lastKey: string;
      processes: DeployedProcess[];
      forms: DeployedForm[];
      decisions?: ReturnType<DecisionStore['toSnapshot']>;
      messages?: ReturnType<MessageStore['toSnapshot']>;
      signals?: ReturnType<SignalStore['toSnapshot']>;
      compensations?: ReturnType<CompensationStore['toSnapshot']>;
      elementInstances: ElementInstance[];
      variables: [string, [string, VariableEntry][]][];
      jobs: Job[];
      incidents: Incident[];
      eventVariables: [string, Record<string, unknown>][];
      awaitingResults: [string, { fetchVariables: string[] }][];
      timers?: Timer[];
      pendingStartEvents?: [string, string][];
      pinnedClock?: number | null;
      userTasks?: UserTask[];
    };
    const state = new EngineState();
    state.keys = new KeyGenerator(data.lastKey);
    for (const p of data.processes) state.addProcess(p);
    for (const f of data.forms) state.addForm(f);
    state.decisions = DecisionStore.fromSnapshot(data.decisions);
    state.messages = MessageStore.fromSnapshot(data.messages);
    state.signals = SignalStore.fromSnapshot(data.signals);
    state.compensations = CompensationStore.fromSnapshot(data.compensations);
    for (const e of data.elementInstances) state.addElementInstance(e);
    // Snapshots of earlier versions kept message-start entries of ended instances: drop them.
    for (const key of [...state.messages.startedWithKey.keys()]) {
      if (!state.elementInstances.has(key)) state.messages.forgetStart(key);
    }
    for (const [scope, vars] of data.variables) state.variables.set(scope, new Map(vars));
    for (const job of data.jobs) {
      state.jobs.set(job.key, job);
      if (job.state === 'ACTIVATABLE') state.markActivatable(job);
    }
    for (const incident of data.incidents) state.incidents.set(incident.key, incident);
    state.eventVariables = new Map(data.eventVariables);
    state.awaitingResults = new Map(data.awaitingResults);
    for (const timer of data.timers ?? []) state.addTimer(timer);
    state.pendingStartEvents = new Map(data.pendingStartEvents ?? []);
    state.pinnedClock = data.pinnedClock ?? undefined;
    for (const task of data.userTasks ?? []) state.userTasks.set(task.key, task);
    return state;
  }

  addProcess(process: DeployedProcess): void {
    this.processes.set(process.key, process);
    const versions = this.processVersions.get(process.bpmnProcessId) ?? [];
    versions[process.version - 1] = process.key;
    this.processVersions.set(process.bpmnProcessId, versions);
  }

  addForm(form: DeployedForm): void {
    this.forms.set(form.key, form);
    const versions = this.formVersions.get(form.formId) ?? [];
    versions[form.version - 1] = form.key;
    this.formVersions.set(form.formId, versions);
  }

  addElementInstance(instance: ElementInstance): void {
    this.elementInstances.set(instance.key, instance);
    const scope = instance.value.flowScopeKey;
    if (scope !== '-1') {
      let set = this.children.get(scope);
      if (!set) this.children.set(scope, (set = new Set()));
      set.add(instance.key);
    }
  }

  removeElementInstance(key: string): void {
    const instance = this.elementInstances.get(key);
    if (!instance) return;
    this.elementInstances.delete(key);
    this.variables.delete(key);
    this.eventVariables.delete(key);
    this.awaitingResults.delete(key);
    this.children.delete(key);
    this.children.get(instance.value.flowScopeKey)?.delete(key);
  }

  addTimer(timer: Timer): void {
    this.timers.set(timer.key, timer);
    const owner = timerOwner(timer);
    let set = this.timersByOwner.get(owner);
    if (!set) this.timersByOwner.set(owner, (set = new Set()));
    set.add(timer.key);
  }

  removeTimer(key: string): void {
    const timer = this.timers.get(key);
    if (!timer) return;
    this.timers.delete(key);
    const owner = timerOwner(timer);
    this.timersByOwner.get(owner)?.delete(key);
    if (this.timersByOwner.get(owner)?.size === 0) this.timersByOwner.delete(owner);
  }

  timersOf(owner: string): Timer[] {
    return [...(this.timersByOwner.get(owner) ?? [])].map((key) => this.timers.get(key)!);
  }

  markActivatable(job: Job): void {
    let set = this.activatableJobs.get(job.type);
    if (!set) this.activatableJobs.set(job.type, (set = new Set()));
    set.add(job.key);
  }

  unmarkActivatable(job: Job): void {
    this.activatableJobs.get(job.type)?.delete(job.key);
  }
}
