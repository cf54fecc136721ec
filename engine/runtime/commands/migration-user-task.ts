import type { FlowElement } from '../../bpmn/model';
import { RejectionError } from '../../processing/command';
import type { ProcessingContext } from '../../processing/context';
import type { Job } from '../../state/types';
import type { UserTaskRecordValue } from '../../state/user-task';
import { jobValue } from '../behaviors/jobs';
import { evaluateUserTask } from '../behaviors/user-tasks';
import type { ElementContext } from '../element-context';
import { migratedValue } from './migration-arming';
import type { MigrationPlan } from './migration-plan';

/*
 * A job worker user task mapped to a Camunda user task (Camunda 8.8.17, "Migrate job worker
 * user tasks to Camunda user tasks"): its job is canceled and a Camunda user task created that
 * keeps the candidate groups and users, due and follow-up dates, form key and custom headers of
 * the job; the priority, the assignee (the current one is not kept) and a linked form come from
 * the target's definition, evaluated in the task's scope.
 */

const HEADER = 'io.camunda.zeebe:';
/** Embedded forms are not carried over: the target's form is used. */
const EMBEDDED_FORM_PREFIX = 'camunda-forms:bpmn:';

export function changesToCamundaUserTask(source: FlowElement, target: FlowElement): boolean {
  return source.elementType === 'USER_TASK' && !source.userTask && target.userTask !== undefined;
}

/** The Camunda user tasks the migration creates, by element instance key; rejects on failure. */
export function planUserTaskChanges(
  ctx: ProcessingContext,
  plan: MigrationPlan,
): Map<string, UserTaskRecordValue> {
  const planned = new Map<string, UserTaskRecordValue>();
  const source = ctx.state.processes.get(plan.processInstance.value.processDefinitionKey)!;
  for (const { instance, target } of plan.elements) {
    const sourceElement = source.executable.elements[instance.value.elementId]!;
    if (!changesToCamundaUserTask(sourceElement, target)) continue;
    if (instance.state !== 'ELEMENT_ACTIVATED') continue; // activation will create the task
    const ec: ElementContext = {
      ctx,
      key: instance.key,
      value: migratedValue(instance.value, plan.target, target),
      element: target,
      process: plan.target.executable,
    };
    const evaluated = evaluateUserTask(ec, target.userTask!);
    if (!evaluated.ok) {
      throw new RejectionError(
        'INVALID_STATE',
        `Expected to migrate process instance '${plan.processInstance.key}' but the user task with id '${target.id}' cannot be created: ${evaluated.message}`,
      );
    }
    const job = instance.jobKey ? ctx.state.jobs.get(instance.jobKey) : undefined;
    planned.set(instance.key, job ? keptFromJob(evaluated.value, job) : evaluated.value);
  }
  return planned;
}

/** What the job worker task had that the Camunda user task keeps. */
function keptFromJob(task: UserTaskRecordValue, job: Job): UserTaskRecordValue {
  const headers = job.customHeaders;
  const list = (name: string, fallback: string[]) => {
    const text = headers[`${HEADER}${name}`];
    if (text === undefined) return fallback;
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed.map(String) : fallback;
    } catch {
      return fallback;
    }
  };
  const formKey = headers[`${HEADER}formKey`];
  const customHeaders = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !name.startsWith(HEADER)),
  );
  return {
    ...task,
    candidateGroupsList: list('candidateGroups', task.candidateGroupsList),
    candidateUsersList: list('candidateUsers', task.candidateUsersList),
    dueDate: headers[`${HEADER}dueDate`] ?? task.dueDate,
    followUpDate: headers[`${HEADER}followUpDate`] ?? task.followUpDate,
    ...(formKey && !formKey.startsWith(EMBEDDED_FORM_PREFIX)
      ? { externalFormReference: formKey }
      : {}),
    customHeaders,
  };
}

/** Cancels the job worker task's job and creates its Camunda user task. */
export function createCamundaUserTask(
  ctx: ProcessingContext,
  jobKey: string | undefined,
  task: UserTaskRecordValue,
): void {
  const piKey = task.processInstanceKey;
  const job = jobKey ? ctx.state.jobs.get(jobKey) : undefined;
  if (job) ctx.event('JOB', 'CANCELED', job.key, jobValue(job), piKey);
  const key = ctx.nextKey();
  const value = { ...task, userTaskKey: key, creationTimestamp: ctx.now };
  ctx.event('USER_TASK', 'CREATING', key, value, piKey);
  ctx.event('USER_TASK', 'CREATED', key, value, piKey);
}
