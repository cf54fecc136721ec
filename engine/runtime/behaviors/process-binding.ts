/**
 * Which version of a called process a call activity starts, by its binding type (Camunda docs,
 * "Call activities" and "Choosing the resource binding type"); the failures are worded as
 * Zeebe's incidents (CALLED_ELEMENT_ERROR).
 */
import type { ResourceBinding } from '../../bpmn/model';
import type { EngineState } from '../../state/engine-state';
import type { DeployedProcess } from '../../state/types';

export type ProcessBinding =
  { ok: true; process: DeployedProcess } | { ok: false; message: string };

/** `caller` is the process definition the call activity belongs to. */
export function boundProcess(
  state: EngineState,
  bpmnProcessId: string,
  binding: ResourceBinding,
  caller: DeployedProcess,
): ProcessBinding {
  if (binding.bindingType === 'deployment') {
    const process = versionsOf(state, bpmnProcessId).find(
      (p) => p.deploymentKey === caller.deploymentKey,
    );
    return process
      ? { ok: true, process }
      : {
          ok: false,
          message:
            `Expected to call process with BPMN process id '${bpmnProcessId}' with binding type 'deployment', ` +
            `but no such process found in the deployment with key ${caller.deploymentKey} which contained the current process. ` +
            'To resolve this incident, migrate the process instance to a process definition ' +
            'that is deployed together with the intended process definition to call.',
        };
  }
  if (binding.bindingType === 'versionTag') {
    const process = versionsOf(state, bpmnProcessId)
      .reverse()
      .find((p) => p.executable.versionTag === binding.versionTag);
    return process
      ? { ok: true, process }
      : {
          ok: false,
          message:
            `Expected to call process with BPMN process id '${bpmnProcessId}' and version tag '${binding.versionTag}', but no such process found. ` +
            'To resolve this incident, deploy a process with the given process id and version tag.',
        };
  }
  const process = state.latestProcess(bpmnProcessId);
  return process
    ? { ok: true, process }
    : {
        ok: false,
        message: `Expected process with BPMN process id '${bpmnProcessId}' to be deployed, but not found.`,
      };
}

/** Every deployed version of the process id, oldest first. */
function versionsOf(state: EngineState, bpmnProcessId: string): DeployedProcess[] {
  return (state.processVersions.get(bpmnProcessId) ?? [])
    .map((key) => state.processes.get(key))
    .filter((p): p is DeployedProcess => p !== undefined);
}
