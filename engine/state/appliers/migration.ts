import type { Incident, ProcessInstanceValue } from '../types';
import type { UserTaskRecordValue } from '../user-task';
import type { Applier } from './applier';
import type { JobRecordValue } from './job';
import type { SubscriptionRecordValue } from './message';
import type { TimerRecordValue } from './timer';

/*
 * The events of a process instance migration: each moves one thing to the target process
 * definition and keeps its key and everything else (state, variables, deadlines, assignee).
 */

const elementMigrated: Applier = (state, record) => {
  const instance = state.elementInstances.get(record.key);
  if (instance) instance.value = record.value as ProcessInstanceValue;
};

const jobMigrated: Applier = (state, record) => {
  const job = state.jobs.get(record.key);
  if (!job) return;
  const v = record.value as JobRecordValue;
  job.bpmnProcessId = v.bpmnProcessId;
  job.processDefinitionKey = v.processDefinitionKey;
  job.processDefinitionVersion = v.processDefinitionVersion;
  job.elementId = v.elementId;
};

const userTaskMigrated: Applier = (state, record) => {
  const task = state.userTasks.get(record.key);
  if (task) task.value = { ...(record.value as UserTaskRecordValue), variables: {} };
};

const timerMigrated: Applier = (state, record) => {
  const timer = state.timers.get(record.key);
  if (!timer) return;
  const v = record.value as TimerRecordValue;
  timer.targetElementId = v.targetElementId;
  timer.processDefinitionKey = v.processDefinitionKey;
};

const subscriptionMigrated: Applier = (state, record) => {
  const subscription = state.messages.subscriptions.get(record.key);
  if (!subscription) return;
  const v = record.value as SubscriptionRecordValue;
  subscription.elementId = v.elementId;
  subscription.bpmnProcessId = v.bpmnProcessId;
};

const incidentMigrated: Applier = (state, record) => {
  if (state.incidents.has(record.key)) state.incidents.set(record.key, record.value as Incident);
};

/**
 * A taken incoming flow of a waiting join leaves its source gateway's count (it is taken again
 * on its target flow by SEQUENCE_FLOW_TAKEN, whose applier counts it for the target gateway).
 */
const sequenceFlowDeleted: Applier = (state, record) => {
  const value = record.value as ProcessInstanceValue;
  const scope = state.elementInstances.get(value.flowScopeKey);
  if (!scope) return;
  for (const [gatewayId, counts] of Object.entries(scope.takenFlows ?? {})) {
    if (!counts[value.elementId]) continue;
    counts[value.elementId]! -= 1;
    if (counts[value.elementId] === 0) delete counts[value.elementId];
    if (Object.keys(counts).length === 0) delete scope.takenFlows![gatewayId];
    break;
  }
  const transit = scope.flowsInTransit;
  if (transit?.[value.elementId]) {
    transit[value.elementId]! -= 1;
    if (transit[value.elementId] === 0) delete transit[value.elementId];
  }
  scope.activeFlows -= 1;
};

export const migrationAppliers: Record<string, Applier> = {
  'PROCESS_INSTANCE:ELEMENT_MIGRATED': elementMigrated,
  'JOB:MIGRATED': jobMigrated,
  'USER_TASK:MIGRATED': userTaskMigrated,
  'TIMER:MIGRATED': timerMigrated,
  'PROCESS_MESSAGE_SUBSCRIPTION:MIGRATED': subscriptionMigrated,
  'INCIDENT:MIGRATED': incidentMigrated,
  'PROCESS_INSTANCE:SEQUENCE_FLOW_DELETED': sequenceFlowDeleted,
};
