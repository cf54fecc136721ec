import { evaluateExpression } from '../../feel';
import { awaitsStartListeners } from '../behaviors/execution-listeners';
import { throwEscalation } from '../behaviors/escalations';
import { raiseIncident } from '../behaviors/incidents';
import { toActivated, toCompleting } from '../behaviors/activation';
import { applyInputMappings } from '../behaviors/variables';
import type { ElementContext } from '../element-context';
import type { ElementProcessor } from './element-processor';
import { leavesWithOutputMappings } from './flow-node';

/**
 * Escalation intermediate throw and end events: the code (FEEL allowed) is thrown to the
 * nearest escalation catch event. Interrupted by it, the event waits to be terminated with its
 * scope; otherwise (caught by a non-interrupting catch event, or not caught at all) it
 * completes: a throw event takes its outgoing flow, an end event ends its path.
 */
export const escalationThrowEvent: ElementProcessor = {
  onActivate(ec) {
    const input = applyInputMappings(ec);
    if (!input.ok) return raiseIncident(ec, 'IO_MAPPING_ERROR', input.message);
    if (awaitsStartListeners(ec)) return;
    const code = codeOf(ec);
    if (!code.ok) return raiseIncident(ec, 'EXTRACT_VALUE_ERROR', code.message);
    if (!toActivated(ec)) return;
    if (throwEscalation(ec.ctx, ec, code.value, {})) return;
    toCompleting(ec);
    this.onComplete(ec);
  },
  ...leavesWithOutputMappings,
};

function codeOf(ec: ElementContext): { ok: true; value: string } | { ok: false; message: string } {
  const variables = ec.ctx.state.visibleVariables(ec.key);
  const code = evaluateExpression(ec.element.escalationCode!, variables, 'string', {
    now: new Date(ec.ctx.now),
  });
  return code.ok ? { ok: true, value: String(code.value) } : code;
}
