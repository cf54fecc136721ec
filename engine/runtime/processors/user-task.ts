import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { toActivated } from '../behaviors/activation';
import { toTerminated } from '../behaviors/lifecycle';
import { listenOrFinish, startTransition } from '../behaviors/user-task-transitions';
import { evaluateUserTask } from '../behaviors/user-tasks';
import { applyInputMappings } from '../behaviors/variables';
import type { ElementProcessor } from './element-processor';
import { jobWorkerTask } from './job-worker-task';

/**
 * Camunda user tasks (`zeebe:userTask`, Camunda docs "User tasks"): activation evaluates the
 * assignment, schedule, priority and form and creates the task (USER_TASK CREATING, then
 * CREATED after ELEMENT_ACTIVATED and the creating listeners, as Zeebe 8.8 orders them; a
 * model's assignee is assigned after that); the element waits until the task is completed
 * (USER_TASK COMPLETE, see commands/user-tasks.ts). Termination cancels the task; with
 * canceling listeners the element is terminated once they have run.
 */
export const userTask: ElementProcessor = {
  onActivate(ec) {
    const definition = ec.element.userTask;
    if (!definition) return jobWorkerTask.onActivate(ec); // job-based: a service task in all but name
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    const evaluated = evaluateUserTask(ec, definition);
    if (!evaluated.ok) return raiseIncident(ec, evaluated.errorType, evaluated.message);
    const key = ec.ctx.nextKey();
    const value = { ...evaluated.value, userTaskKey: key };
    const pik = ec.value.processInstanceKey;
    ec.ctx.event('USER_TASK', 'CREATING', key, value, pik);
    if (!toActivated(ec)) return;
    listenOrFinish(ec.ctx, ec.ctx.state.userTasks.get(key)!);
  },
  onComplete(ec) {
    // Output mappings, then completed, as for any task.
    jobWorkerTask.onComplete(ec);
  },
  onTerminate(ec) {
    if (!ec.element.userTask) return jobWorkerTask.onTerminate(ec);
    // A listener job of an interrupted transition was canceled with ELEMENT_TERMINATING.
    resolveIncidentsOf(ec);
    const task = ec.ctx.state.userTaskOf(ec.key);
    if (!task) return toTerminated(ec);
    const value = { ...task.value, changedAttributes: [], variables: {}, action: '' };
    // Without canceling listeners the transition ends (and the element terminates) at once.
    startTransition(ec.ctx, task, 'canceling', value);
  },
};
