import { startInstructionProblem, type StartInstruction } from '../../bpmn/start-instructions';
import { rootProcessValue } from '../behaviors/process-start';
import { RejectionError } from '../../processing/command';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { DeployedProcess } from '../../state/types';
import { startBeforeElements } from '../behaviors/start-instructions';
import { setLocalVariables } from '../behaviors/variables';

export interface CreationCommand {
  bpmnProcessId: string;
  /** -1: latest. */
  version: number;
  processDefinitionKey: string;
  variables: Record<string, unknown>;
  tenantId: string;
  awaitResult?: boolean;
  fetchVariables?: string[];
  /** Start before these elements instead of at the none start event (none: the none start event). */
  startInstructions?: StartInstruction[];
}

export interface CreationResponse {
  processDefinitionKey: string;
  bpmnProcessId: string;
  version: number;
  processInstanceKey: string;
  tenantId: string;
}

function findProcess(
  ctx: Parameters<CommandProcessor>[1],
  value: CreationCommand,
): DeployedProcess {
  if (value.processDefinitionKey && value.processDefinitionKey !== '-1') {
    const byKey = ctx.state.processes.get(value.processDefinitionKey);
    if (!byKey) {
      throw new RejectionError(
        'NOT_FOUND',
        `Expected to find process definition with key '${value.processDefinitionKey}', but none found`,
      );
    }
    return byKey;
  }
  const found =
    value.version > 0
      ? ctx.state.processByVersion(value.bpmnProcessId, value.version)
      : ctx.state.latestProcess(value.bpmnProcessId);
  if (!found) {
    throw new RejectionError(
      'NOT_FOUND',
      value.version > 0
        ? `Expected to find process definition with process ID '${value.bpmnProcessId}' and version '${value.version}', but none found`
        : `Expected to find process definition with process ID '${value.bpmnProcessId}', but none found`,
    );
  }
  return found;
}

/**
 * CreateProcessInstance: a new instance at the process's none start event, or before the
 * elements its start instructions name. Its variables are the process instance's (root)
 * variables either way, set before anything starts.
 */
export const createProcessInstance: CommandProcessor = (command, ctx) => {
  const value = command.value as CreationCommand;
  const deployed = findProcess(ctx, value);
  const instructions = value.startInstructions ?? [];
  if (instructions.length === 0 && !deployed.executable.noneStartEventId) {
    throw new RejectionError(
      'INVALID_STATE',
      `Expected to create instance of process with none start event, but there is no such event`,
    );
  }
  const problem = startInstructionProblem(deployed.executable, instructions);
  if (problem) throw new RejectionError('INVALID_ARGUMENT', problem);
  const key = ctx.nextKey();
  const processValue = rootProcessValue(deployed, key, value.tenantId || '<default>');
  const response: CreationResponse = {
    processDefinitionKey: deployed.key,
    bpmnProcessId: deployed.bpmnProcessId,
    version: deployed.version,
    processInstanceKey: key,
    tenantId: processValue.tenantId,
  };
  setLocalVariables(ctx, key, value.variables, processValue);
  if (instructions.length === 0) {
    ctx.command('PROCESS_INSTANCE', 'ACTIVATE_ELEMENT', key, processValue, key);
  } else {
    startBeforeElements(ctx, deployed, processValue, instructions);
  }
  ctx.event(
    'PROCESS_INSTANCE_CREATION',
    'CREATED',
    key,
    {
      ...response,
      variables: JSON.stringify(value.variables),
      awaitResult: !!value.awaitResult,
      fetchVariables: value.fetchVariables ?? [],
      startInstructions: instructions,
    },
    key,
  );
  ctx.respond(key, response);
};
