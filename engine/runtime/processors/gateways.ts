import type { SequenceFlow } from '../../bpmn/model';
import { evaluateCondition } from '../../feel';
import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { toActivated, toCompleting } from '../behaviors/activation';
import { toCompleted, toTerminated } from '../behaviors/lifecycle';
import type { IncidentErrorType } from '../../state/types';
import type { ElementContext } from '../element-context';
import type { ElementProcessor } from './element-processor';

type Choice =
  | { ok: true; flows: SequenceFlow[] }
  | { ok: false; errorType: IncidentErrorType; message: string };

function outgoingOf(ec: ElementContext): SequenceFlow[] {
  return ec.element.outgoing.map((id) => ec.process.sequenceFlows[id]!);
}

/**
 * Zeebe's ExclusiveGatewayProcessor and InclusiveGatewayProcessor: no outgoing flow is an
 * implicit end; a single flow without a condition is simply taken; otherwise the conditions of
 * the flows that have one are evaluated in model order (the default flow is not evaluated) and
 * the exclusive gateway takes the first true one, the inclusive gateway every true one. None
 * true falls back to the default flow; without one it is a CONDITION_ERROR incident. A
 * condition that fails to evaluate to a boolean is an EXTRACT_VALUE_ERROR incident, as all
 * expression failures are in Zeebe.
 */
function choose(ec: ElementContext, all: boolean): Choice {
  const flows = outgoingOf(ec);
  if (flows.length === 0) return { ok: true, flows: [] };
  if (flows.length === 1 && !flows[0]!.condition) return { ok: true, flows };
  const variables = ec.ctx.state.visibleVariables(ec.key);
  const chosen: SequenceFlow[] = [];
  for (const flow of flows) {
    if (flow.id === ec.element.defaultFlowId || !flow.condition) continue;
    const result = evaluateCondition(flow.condition, variables);
    if (!result.ok) return { ok: false, errorType: 'EXTRACT_VALUE_ERROR', message: result.message };
    if (result.value) chosen.push(flow);
    if (chosen.length > 0 && !all) break;
  }
  if (chosen.length > 0) return { ok: true, flows: chosen };
  const fallback = ec.element.defaultFlowId
    ? ec.process.sequenceFlows[ec.element.defaultFlowId]
    : undefined;
  if (fallback) return { ok: true, flows: [fallback] };
  return {
    ok: false,
    errorType: 'CONDITION_ERROR',
    message: 'Expected at least one condition to evaluate to true, or to have a default flow',
  };
}

function conditionalGateway(all: boolean): ElementProcessor {
  return {
    onActivate(ec) {
      const choice = choose(ec, all);
      if (!choice.ok) return raiseIncident(ec, choice.errorType, choice.message);
      if (!toActivated(ec)) return;
      toCompleting(ec);
      toCompleted(ec, choice.flows);
    },
    onComplete(ec) {
      toCompleted(ec);
    },
    onTerminate(ec) {
      resolveIncidentsOf(ec);
      toTerminated(ec);
    },
  };
}

export const exclusiveGateway = conditionalGateway(false);
export const inclusiveGateway = conditionalGateway(true);

/** Parallel gateway: forks into every outgoing flow (joining happens on arrival). */
export const parallelGateway: ElementProcessor = {
  onActivate(ec) {
    if (!toActivated(ec)) return;
    toCompleting(ec);
    toCompleted(ec);
  },
  onComplete(ec) {
    toCompleted(ec);
  },
  onTerminate(ec) {
    toTerminated(ec);
  },
};
