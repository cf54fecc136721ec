import { evaluateExpression } from '../../feel';
import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { toActivated, toCompleting } from '../behaviors/activation';
import { toTerminated } from '../behaviors/lifecycle';
import { acceptResultVariables, applyInputMappings } from '../behaviors/variables';
import type { ElementProcessor } from './element-processor';
import { jobWorkerTask } from './job-worker-task';

/**
 * Script tasks. With `zeebe:script` (Camunda docs, "Script tasks") the engine evaluates the
 * FEEL expression itself at activation, in the task's scope after its input mappings, sets the
 * result to `resultVariable` as a job's result would be set (local to the task when it has
 * output mappings, else merged into the process instance) and completes the task at once. A
 * failed evaluation raises an EXTRACT_VALUE_ERROR incident; resolving it applies the input
 * mappings and evaluates again. Without `zeebe:script` the task is job-based.
 */
export const scriptTask: ElementProcessor = {
  onActivate(ec) {
    if (!ec.element.script) return jobWorkerTask.onActivate(ec);
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    const { expression, resultVariable } = ec.element.script;
    const variables = ec.ctx.state.visibleVariables(ec.key);
    const result = evaluateExpression(expression, variables, 'any', { now: new Date(ec.ctx.now) });
    if (!result.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', result.message);
    if (!toActivated(ec)) return;
    acceptResultVariables(ec, { [resultVariable]: result.value });
    toCompleting(ec);
    this.onComplete(ec);
  },
  onComplete(ec) {
    // Same as a job worker task's: output mappings, then completed.
    jobWorkerTask.onComplete(ec);
  },
  onTerminate(ec) {
    if (!ec.element.script) return jobWorkerTask.onTerminate(ec);
    resolveIncidentsOf(ec);
    toTerminated(ec);
  },
};
