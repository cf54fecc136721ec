import { RejectionError } from '../../processing/command';
import type { CommandProcessor } from '../../processing/stream-processor';
import { listenOrFinish } from '../behaviors/user-task-transitions';
import { mergeVariables, setLocalVariables } from '../behaviors/variables';
import { contextOf } from '../element-context';
import { processorFor } from '../processors';
import { updateUserTaskVariables } from './user-task-variables';

/**
 * ResolveIncident: the incident goes away and the step that failed runs again. A job incident
 * makes the job activatable again (after its retries were raised with UpdateJobRetries).
 */
const resolveIncident: CommandProcessor = (command, ctx) => {
  const incident = ctx.state.incidents.get(command.key);
  if (!incident) {
    throw new RejectionError(
      'NOT_FOUND',
      `Expected to resolve incident with key '${command.key}', but no such incident was found`,
    );
  }
  const job = incident.jobKey !== '-1' ? ctx.state.jobs.get(incident.jobKey) : undefined;
  if (job && job.retries <= 0 && incident.errorType === 'JOB_NO_RETRIES') {
    throw new RejectionError(
      'INVALID_STATE',
      `Expected to resolve incident with key '${command.key}', but job with key '${job.key}' has no retries left. Please update the job retries and retry resolving the incident`,
    );
  }
  ctx.event('INCIDENT', 'RESOLVED', incident.key, incident, incident.processInstanceKey);
  ctx.respond(incident.key, {});
  if (job) return;
  const instance = ctx.state.elementInstances.get(incident.elementInstanceKey);
  if (!instance) return;
  // A task listener's expression failed: its transition runs again from the first listener.
  const task = ctx.state.userTaskOf(instance.key);
  if (task && task.state !== 'CREATED' && instance.state !== 'ELEMENT_ACTIVATING')
    return void listenOrFinish(ctx, task);
  const processor = processorFor(instance.value.bpmnElementType, instance.value.bpmnEventType);
  const ec = contextOf(ctx, instance.key, instance.value);
  if (instance.state === 'ELEMENT_ACTIVATING') processor.onActivate(ec);
  else if (instance.state === 'ELEMENT_COMPLETING') processor.onComplete(ec);
};

/** SetVariables: local to the given scope, or merged (propagated) from it. */
const updateVariableDocument: CommandProcessor = (command, ctx) => {
  const v = command.value as {
    scopeKey: string;
    local: boolean;
    variables: Record<string, unknown>;
  };
  const instance = ctx.state.elementInstances.get(v.scopeKey);
  if (!instance) {
    throw new RejectionError(
      'NOT_FOUND',
      `Expected to update variables for element with key '${v.scopeKey}', but no such element was found`,
    );
  }
  const task = ctx.state.userTaskOf(instance.key);
  if (task) return updateUserTaskVariables(ctx, task, v);
  const key = ctx.nextKey();
  ctx.event('VARIABLE_DOCUMENT', 'UPDATED', key, v, instance.value.processInstanceKey);
  if (v.local) setLocalVariables(ctx, instance.key, v.variables, instance.value);
  else mergeVariables(ctx, instance.key, v.variables, instance.value);
  ctx.respond(key, { key });
};

export const miscCommands: Record<string, CommandProcessor> = {
  'INCIDENT:RESOLVE': resolveIncident,
  'VARIABLE_DOCUMENT:UPDATE': updateVariableDocument,
};
