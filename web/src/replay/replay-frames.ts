import type { ReplayAuditRow, ReplayStep } from '../api/replay';

/**
 * The state of the diagrams at every step of a replay: which elements of the step's process
 * instance are running, which have completed (sequence flows taken count as completed), which
 * were terminated or have an open incident, and who acted. Computed once for all steps, so the
 * slider can jump anywhere.
 */
export interface ReplayFrame {
  index: number;
  step: ReplayStep;
  /** The instance whose diagram this step happens on. */
  instanceKey: string;
  active: string[];
  completed: string[];
  terminated: string[];
  incidents: string[];
  /** Who claimed or completed the task at this step (user name), if anyone did. */
  actor: string | null;
}

interface InstanceState {
  /** Running element instances: element instance key → element id. */
  running: Map<string, string>;
  completed: Set<string>;
  terminated: Set<string>;
  incidents: Map<string, string>;
}

/** The process itself is the diagram's root: drawn, not marked. */
const isProcess = (step: ReplayStep) => step.elementType === 'PROCESS';

function actorsOfTasks(audit: ReplayAuditRow[]): Map<string, string> {
  const actors = new Map<string, string>();
  for (const row of audit) {
    if (row.entityType !== 'user_task' || !row.entityId || !row.actor) continue;
    if (row.action === 'task.complete' && row.outcome === 'succeeded') {
      actors.set(row.entityId, row.actor);
    }
  }
  return actors;
}

function apply(state: InstanceState, step: ReplayStep): void {
  const instance = step.elementInstanceKey ?? step.elementId;
  switch (step.event) {
    case 'ELEMENT_ACTIVATED':
      if (!isProcess(step)) state.running.set(instance, step.elementId);
      break;
    case 'ELEMENT_COMPLETED':
    case 'ELEMENT_TERMINATED':
      state.running.delete(instance);
      if (isProcess(step)) break;
      if (step.event === 'ELEMENT_COMPLETED') state.completed.add(step.elementId);
      else state.terminated.add(step.elementId);
      break;
    case 'SEQUENCE_FLOW_TAKEN':
      state.completed.add(step.elementId);
      break;
    case 'INCIDENT_CREATED':
      state.incidents.set(instance, step.elementId);
      break;
    case 'INCIDENT_RESOLVED':
      state.incidents.delete(instance);
      break;
  }
}

export function replayFrames(steps: ReplayStep[], audit: ReplayAuditRow[] = []): ReplayFrame[] {
  const states = new Map<string, InstanceState>();
  const assignees = new Map<string, string | null>();
  const completers = actorsOfTasks(audit);
  return steps.map((step, index) => {
    let state = states.get(step.processInstanceKey);
    if (!state) {
      state = {
        running: new Map(),
        completed: new Set(),
        terminated: new Set(),
        incidents: new Map(),
      };
      states.set(step.processInstanceKey, state);
    }
    apply(state, step);
    let actor: string | null = null;
    if (step.userTaskKey && step.event === 'USER_TASK_ASSIGNED') {
      actor = step.assignee ?? null;
      assignees.set(step.userTaskKey, actor);
    } else if (step.userTaskKey && step.event === 'USER_TASK_COMPLETED') {
      actor = completers.get(step.userTaskKey) ?? assignees.get(step.userTaskKey) ?? null;
    }
    const running = [...new Set(state.running.values())];
    return {
      index,
      step,
      instanceKey: step.processInstanceKey,
      active: running,
      // An element run again (a loop back) counts as running, not as done.
      completed: [...state.completed].filter((id) => !running.includes(id)),
      terminated: [...state.terminated].filter((id) => !running.includes(id)),
      incidents: [...new Set(state.incidents.values())],
      actor,
    };
  });
}

/** A time as Beijing reads it, to the second (events often share a minute). */
export function beijingTime(iso: string | null, locale: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}
