import type { ListenerEventType } from '../state/types';

/**
 * Job push (StreamActivatedJobs): workers keep a stream open per job type, and a job created
 * while one is open is activated for it in the same processing step and pushed once the batch
 * is committed — no extra round trip through ActivateJobs.
 */
export interface JobStreamTarget {
  worker: string;
  timeout: number;
  fetchVariable: string[];
  /** Delivers an activated job; false when the stream is gone (the job is then yielded). */
  push(job: ActivatedJob): boolean;
}

/** A job as handed to a worker, by ActivateJobs or by job push (the gateway maps it to the protocol's ActivatedJob). */
export interface ActivatedJob {
  key: string;
  type: string;
  processInstanceKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  processDefinitionKey: string;
  elementId: string;
  elementInstanceKey: string;
  customHeaders: Record<string, string>;
  worker: string;
  retries: number;
  deadline: number;
  variables: Record<string, unknown>;
  tenantId: string;
  /** Zeebe's JobKind and, for listeners, the event (START, END, CREATING, ASSIGNING, …). */
  kind: 'BPMN_ELEMENT' | 'EXECUTION_LISTENER' | 'TASK_LISTENER';
  listenerEventType: ListenerEventType;
}

export interface JobStreamRegistry {
  /** A stream for this job type, if any is open (round robin across streams). */
  pick(type: string): JobStreamTarget | undefined;
}

export const NO_STREAMS: JobStreamRegistry = { pick: () => undefined };
