import { evaluateExpression } from '../../feel';
import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { evaluateDeployed } from '../behaviors/decisions';
import { boundDecision } from '../behaviors/decision-binding';
import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { toActivated, toCompleting } from '../behaviors/activation';
import { toTerminated } from '../behaviors/lifecycle';
import { acceptResultVariables, applyInputMappings } from '../behaviors/variables';
import type { ElementContext } from '../element-context';
import type { ElementProcessor } from './element-processor';
import { jobWorkerTask } from './job-worker-task';

/**
 * Business rule tasks. With `zeebe:calledDecision` (Camunda docs, "Business rule tasks"): the
 * latest version of the decision is evaluated at activation in the task's scope, its result
 * set to `resultVariable` (then output mappings apply) and the task completes at once. A
 * missing decision or a failed evaluation raises an incident; resolving it evaluates again.
 * Without it, the task is job-based like a service task.
 */
export const businessRuleTask: ElementProcessor = {
  onActivate(ec) {
    if (!ec.element.calledDecision) return jobWorkerTask.onActivate(ec);
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    const { decisionId: idExpression, resultVariable } = ec.element.calledDecision;
    const visible = ec.ctx.state.visibleVariables(ec.key);
    const id = evaluateExpression(idExpression, visible, 'string');
    if (!id.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', id.message);
    const decisionId = String(id.value);
    const caller = ec.ctx.state.processes.get(ec.value.processDefinitionKey)!;
    const bound = boundDecision(ec.ctx.state, decisionId, ec.element.calledDecision, caller);
    if (!bound.ok) return raiseIncident(ec, 'CALLED_DECISION_ERROR', bound.message);
    const decision = bound.decision;
    const evaluation = evaluateDeployed(ec.ctx, decision, visible, originOf(ec));
    if (evaluation.value.failedDecisionId !== '') {
      return raiseIncident(
        ec,
        'DECISION_EVALUATION_ERROR',
        evaluation.value.evaluationFailureMessage,
      );
    }
    if (!toActivated(ec)) return;
    acceptResultVariables(ec, { [resultVariable]: evaluation.output });
    toCompleting(ec);
    this.onComplete(ec);
  },
  onComplete(ec) {
    // Same as a job worker task's: output mappings, then completed.
    jobWorkerTask.onComplete(ec);
  },
  onTerminate(ec) {
    if (!ec.element.calledDecision) return jobWorkerTask.onTerminate(ec);
    resolveIncidentsOf(ec);
    toTerminated(ec);
  },
};

function originOf(ec: ElementContext) {
  return {
    bpmnProcessId: ec.value.bpmnProcessId,
    processDefinitionKey: ec.value.processDefinitionKey,
    processInstanceKey: ec.value.processInstanceKey,
    elementId: ec.value.elementId,
    elementInstanceKey: ec.key,
  };
}
