import type { SequenceFlow } from '../../bpmn/model';
import { evaluateCondition } from '../../feel';
import { raiseIncident, resolveIncidentsOf } from '../behaviors/incidents';
import { toActivated, toCompleted, toCompleting, toTerminated } from '../behaviors/lifecycle';
import type { ElementContext } from '../element-context';
import type { ElementProcessor } from './element-processor';

type Choice = { ok: true; flows: SequenceFlow[] } | { ok: false; message: string };

function outgoingOf(ec: ElementContext): SequenceFlow[] {
  return ec.element.outgoing.map((id) => ec.process.sequenceFlows[id]!);
}

/**
 * Exclusive gateway: the first flow (in model order) whose condition is true, else the default
 * flow; none at all is an incident. Inclusive gateway: every flow whose condition is true, else
 * the default. A flow without a condition counts as true.
 */
function choose(ec: ElementContext, all: boolean): Choice {
  const flows = outgoingOf(ec);
  if (flows.length === 1 && !flows[0]!.condition) return { ok: true, flows };
  const variables = ec.ctx.state.visibleVariables(ec.value.flowScopeKey);
  const chosen: SequenceFlow[] = [];
  for (const flow of flows) {
    if (flow.id === ec.element.defaultFlowId) continue;
    if (!flow.condition) {
      chosen.push(flow);
    } else {
      const result = evaluateCondition(flow.condition, variables);
      if (!result.ok) return result;
      if (result.value) chosen.push(flow);
    }
    if (chosen.length > 0 && !all) break;
  }
  if (chosen.length > 0) return { ok: true, flows: chosen };
  const fallback = ec.element.defaultFlowId
    ? ec.process.sequenceFlows[ec.element.defaultFlowId]
    : undefined;
  if (fallback) return { ok: true, flows: [fallback] };
  return {
    ok: false,
    message: 'Expected at least one condition to evaluate to true, or to have a default flow',
  };
}

function conditionalGateway(all: boolean): ElementProcessor {
  return {
    onActivate(ec) {
      const choice = choose(ec, all);
      if (!choice.ok) return raiseIncident(ec, 'CONDITION_ERROR', choice.message);
      toActivated(ec);
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
    toActivated(ec);
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
