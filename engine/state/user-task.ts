/**
 * Zeebe 8.8's UserTaskRecord value (`USER_TASK` records), and a user task as the state keeps
 * it: the value of its last event plus its lifecycle state. Key values are decimal strings;
 * dates are ISO 8601 text ('' when not set), formKey '-1' when no form is linked, as Zeebe
 * writes them.
 */
export interface UserTaskRecordValue {
  userTaskKey: string;
  assignee: string;
  candidateGroupsList: string[];
  candidateUsersList: string[];
  dueDate: string;
  followUpDate: string;
  formKey: string;
  externalFormReference: string;
  priority: number;
  /** Names of the attributes an ASSIGN or UPDATE changed (e.g. `dueDate`, `candidateGroupsList`). */
  changedAttributes: string[];
  /** Variables of a completion; empty otherwise. */
  variables: Record<string, unknown>;
  /** What caused an ASSIGN/UPDATE/COMPLETE: `assign`, `claim`, `unassign`, `update`, `complete`. */
  action: string;
  customHeaders: Record<string, string>;
  /** On …_DENIED: the reason the denying listener gave. */
  deniedReason?: string;
  elementId: string;
  elementInstanceKey: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  bpmnProcessId: string;
  processDefinitionVersion: number;
  /** Epoch ms of creation. */
  creationTimestamp: number;
  tenantId: string;
}

export type UserTaskState =
  'CREATING' | 'CREATED' | 'ASSIGNING' | 'UPDATING' | 'COMPLETING' | 'CANCELING';

export interface UserTask {
  key: string;
  state: UserTaskState;
  value: UserTaskRecordValue;
  /** While task listeners run (CREATING, ASSIGNING, …): the change waiting for them. */
  pending?: UserTaskRecordValue;
  /** Task listeners of the current transition that have completed. */
  listenerIndex?: number;
  /** A variable update of the task's own scope waiting for its updating listeners: its key. */
  variableDocumentKey?: string;
}
