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

export const migrationAppliers: Record<string, Applier> = {
  'PROCESS_INSTANCE:ELEMENT_MIGRATED': elementMigrated,
  'JOB:MIGRATED': jobMigrated,
  'USER_TASK:MIGRATED': userTaskMigrated,
  'TIMER:MIGRATED': timerMigrated,
  'PROCESS_MESSAGE_SUBSCRIPTION:MIGRATED': subscriptionMigrated,
  'INCIDENT:MIGRATED': incidentMigrated,
};
