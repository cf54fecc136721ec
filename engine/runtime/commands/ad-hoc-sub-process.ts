import { RejectionError } from '../../processing/command';
import type { CommandProcessor } from '../../processing/stream-processor';
import { activateAdHocElement, unknownAdHocElements } from '../behaviors/ad-hoc-sub-processes';
import { contextOf } from '../element-context';

/** Zeebe's AdHocSubProcessInstructionRecord, as the REST activation submits it. */
export interface AdHocSubProcessInstructionValue {
  adHocSubProcessInstanceKey: string;
  activateElements: { elementId: string; variables: Record<string, unknown> }[];
  /** The ad-hoc sub-process's tenant (filled in when the command is processed). */
  tenantId: string;
}

/**
 * `POST /v2/element-instances/ad-hoc-activities/{key}/activation` (Camunda 8.8, "Activate
 * activities within an ad-hoc sub-process"): checks everything first, worded as Zeebe words
 * its rejections, then activates each element in its own inner instance with its variables.
 */
const activateActivities: CommandProcessor = (command, ctx) => {
  const value = command.value as AdHocSubProcessInstructionValue;
  const key = value.adHocSubProcessInstanceKey;
  const instance = ctx.state.elementInstances.get(key);
  if (!instance || instance.value.bpmnElementType !== 'AD_HOC_SUB_PROCESS') {
    throw new RejectionError(
      'NOT_FOUND',
      `Expected to activate activities for ad-hoc sub-process but no ad-hoc sub-process instance found with key '${key}'.`,
    );
  }
  if (instance.state !== 'ELEMENT_ACTIVATED') {
    throw new RejectionError(
      'INVALID_STATE',
      `Expected to activate activities for ad-hoc sub-process with key '${key}', but it is not active.`,
    );
  }
  const ids = value.activateElements.map((element) => element.elementId);
  if (new Set(ids).size !== ids.length) {
    throw new RejectionError(
      'INVALID_ARGUMENT',
      `Expected to activate activities for ad-hoc sub-process with key '${key}', but duplicate activities were given.`,
    );
  }
  const ec = contextOf(ctx, instance.key, instance.value);
  const unknown = unknownAdHocElements(ec, ids);
  if (unknown.length > 0) {
    throw new RejectionError(
      'NOT_FOUND',
      `Expected to activate activities for ad-hoc sub-process with key '${key}', but the given elements [${unknown.join(', ')}] do not exist.`,
    );
  }
  for (const element of value.activateElements) {
    activateAdHocElement(ec, element.elementId, element.variables);
  }
  const eventKey = ctx.nextKey();
  const activated = { ...value, tenantId: instance.value.tenantId };
  const pi = instance.value.processInstanceKey;
  ctx.event('AD_HOC_SUB_PROCESS_INSTRUCTION', 'ACTIVATED', eventKey, activated, pi);
  ctx.respond(eventKey, {});
};

export const adHocSubProcessCommands: Record<string, CommandProcessor> = {
  'AD_HOC_SUB_PROCESS_INSTRUCTION:ACTIVATE': activateActivities,
};
