/** What the diagram replay is made of, whichever source it was read from. */

export interface ReplayInstance {
  key: string;
  processDefinitionKey: string;
  processDefinitionId: string | null;
  version: number | null;
  /** The instance that called this one (a call activity), or null for a demand's own process. */
  parentProcessInstanceKey: string | null;
}

/**
 * One thing that happened on the diagram. `event` is the element's lifecycle
 * (`ELEMENT_ACTIVATED`, `ELEMENT_COMPLETED`, `ELEMENT_TERMINATED`, `SEQUENCE_FLOW_TAKEN`) or a
 * user task's or incident's (`USER_TASK_CREATED`, `USER_TASK_ASSIGNED`, …, `INCIDENT_CREATED`).
 * Never a variable's value: the replay shows the path, not the data.
 */
export interface ReplayStep {
  at: string | null;
  event: string;
  processInstanceKey: string;
  processDefinitionKey: string;
  elementId: string;
  elementType: string | null;
  elementInstanceKey: string | null;
  /** Position in the engine's log (records source only). */
  position?: string;
  /** Who holds a user task after `USER_TASK_ASSIGNED`. */
  assignee?: string | null;
  userTaskKey?: string;
  /**
   * The names of the variables created or updated just before this step in its instance (a
   * user task's form values and output mappings land on the element's `ELEMENT_COMPLETED`;
   * records source only). Names, never values.
   */
  variables?: string[];
}

export interface ProcessHistory {
  source: 'engine-records' | 'element-instances';
  instances: ReplayInstance[];
  steps: ReplayStep[];
  /** Whether the engine's hash chain over these records verifies (records source only). */
  chain: { verified: boolean; instances: Array<{ key: string } & Record<string, unknown>> } | null;
  /** User task keys seen, to find their audit-log rows. */
  userTaskKeys: string[];
}
