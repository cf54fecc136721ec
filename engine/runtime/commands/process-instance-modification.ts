import { RejectionError } from '../../processing/command';
import type { CommandProcessor } from '../../processing/stream-processor';
import { checkModification } from '../behaviors/modification-checks';
import type { ProcessInstanceModificationValue } from '../behaviors/modification-record';
import { activateBefore, terminationTargets } from '../behaviors/modification-scopes';

/**
 * ModifyProcessInstance (Camunda docs, "Process instance modification"): every instruction is
 * checked first, so a rejected modification changes nothing. The activate instructions are
 * applied before the terminate instructions, so a flow scope that receives a new element keeps
 * its instance (and its local variables) even when all its old element instances end. Both
 * reuse the regular lifecycle: a new element instance is an ACTIVATE_ELEMENT command and an
 * ended one a TERMINATE_ELEMENT command, so jobs, user tasks, subscriptions and incidents are
 * created and cancelled exactly as when a token arrives or a scope is terminated.
 */
export const modifyProcessInstance: CommandProcessor = (command, ctx) => {
  const value = command.value as ProcessInstanceModificationValue;
  const checked = checkModification(ctx.state, value);
  if (!checked.ok) throw new RejectionError(checked.rejectionType, checked.reason);
  const { instance, deployed } = checked;
  const activatedIn = new Set<string>();
  for (const instruction of value.activateInstructions) {
    const scopeKey = activateBefore(ctx, instance, deployed, instruction);
    if (scopeKey) activatedIn.add(scopeKey);
  }
  const keys = value.terminateInstructions.map((t) => t.elementInstanceKey);
  for (const key of terminationTargets(ctx.state, keys, activatedIn)) {
    const target = ctx.state.elementInstances.get(key)!;
    ctx.command('PROCESS_INSTANCE', 'TERMINATE_ELEMENT', key, target.value, instance.key);
  }
  ctx.event('PROCESS_INSTANCE_MODIFICATION', 'MODIFIED', instance.key, value, instance.key);
  ctx.respond(instance.key, {});
};

export const processInstanceModificationCommands: Record<string, CommandProcessor> = {
  'PROCESS_INSTANCE_MODIFICATION:MODIFY': modifyProcessInstance,
};
