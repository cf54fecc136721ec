import type { ExecutableProcess } from '../../bpmn/model';
import type { CommandProcessor } from '../../processing/stream-processor';
import type { EngineState } from '../../state/engine-state';
import type { DeployedForm, DeployedProcess } from '../../state/types';
import { RejectionError } from '../../processing/command';
import { openTimerStartEvents, timerStartEventProblems } from '../behaviors/timers';
import {
  deployDecisions,
  type DeployedDecisionsMetadata,
  type DrgDeployment,
} from './decision-deployment';

/** A deployment request after the gateway compiled and checked it (all or nothing). */
export interface DeploymentCommand {
  processes: Array<{
    resourceName: string;
    xml: string;
    checksum: string;
    executable: ExecutableProcess;
  }>;
  forms: Array<{ resourceName: string; formId: string; schema: string; checksum: string }>;
  /** `.dmn` resources; absent in commands logged before DMN support. */
  drgs?: DrgDeployment[];
  tenantId: string;
}

export interface DeploymentResponse extends Partial<DeployedDecisionsMetadata> {
  key: string;
  tenantId: string;
  processes: Array<{
    bpmnProcessId: string;
    version: number;
    processDefinitionKey: string;
    resourceName: string;
    tenantId: string;
  }>;
  forms: Array<{
    formId: string;
    version: number;
    formKey: string;
    resourceName: string;
    tenantId: string;
  }>;
}

/**
 * Deploys processes and forms. A deployment whose resources are all unchanged since their
 * latest versions keeps those versions (Zeebe's duplicate detection); as soon as one resource is
 * new or changed, every resource of the deployment gets its next version, so that the binding
 * type `deployment` finds all of them under this deployment's key.
 */
export const createDeployment: CommandProcessor = (command, ctx) => {
  const value = command.value as DeploymentCommand;
  rejectUnusableTimerStarts(value, ctx.now);
  const deploymentKey = ctx.nextKey();
  const tenantId = value.tenantId || '<default>';
  const response: DeploymentResponse = { key: deploymentKey, tenantId, processes: [], forms: [] };
  const duplicatesOnly = onlyDuplicates(value, ctx.state);
  for (const p of value.processes) {
    const latest = ctx.state.latestProcess(p.executable.bpmnProcessId);
    if (duplicatesOnly && latest) {
      response.processes.push(metadata(latest, tenantId));
      continue;
    }
    const deployed: DeployedProcess = {
      key: ctx.nextKey(),
      bpmnProcessId: p.executable.bpmnProcessId,
      version: (latest?.version ?? 0) + 1,
      resourceName: p.resourceName,
      checksum: p.checksum,
      deploymentKey,
      xml: p.xml,
      executable: p.executable,
    };
    ctx.event('PROCESS', 'CREATED', deployed.key, deployed);
    openTimerStartEvents(ctx, deployed, latest);
    response.processes.push(metadata(deployed, tenantId));
  }
  for (const f of value.forms) {
    const latest = ctx.state.latestForm(f.formId);
    if (duplicatesOnly && latest) {
      response.forms.push(formMetadata(latest, tenantId));
      continue;
    }
    const form: DeployedForm = {
      key: ctx.nextKey(),
      formId: f.formId,
      version: (latest?.version ?? 0) + 1,
      resourceName: f.resourceName,
      checksum: f.checksum,
      deploymentKey,
      schema: f.schema,
    };
    ctx.event('FORM', 'CREATED', form.key, form);
    response.forms.push(formMetadata(form, tenantId));
  }
  Object.assign(
    response,
    deployDecisions(ctx, value.drgs ?? [], deploymentKey, tenantId, duplicatesOnly),
  );
  ctx.event('DEPLOYMENT', 'CREATED', deploymentKey, response);
  ctx.respond(deploymentKey, response);
};

/** Whether every resource of the deployment equals the latest deployed version of its id. */
function onlyDuplicates(value: DeploymentCommand, state: EngineState): boolean {
  return (
    value.processes.every(
      (p) => state.latestProcess(p.executable.bpmnProcessId)?.checksum === p.checksum,
    ) &&
    value.forms.every((f) => state.latestForm(f.formId)?.checksum === f.checksum) &&
    (value.drgs ?? []).every(
      (d) => state.decisions.latestDrg(d.drg.decisionRequirementsId)?.checksum === d.checksum,
    )
  );
}

/** Checked before anything is written: a deployment is all or nothing. */
function rejectUnusableTimerStarts(value: DeploymentCommand, now: number): void {
  const problems = value.processes.flatMap((p) =>
    timerStartEventProblems(p.executable, now).map((problem) => `'${p.resourceName}': ${problem}`),
  );
  if (problems.length > 0) throw new RejectionError('INVALID_ARGUMENT', problems.join('\n'));
}

function metadata(p: DeployedProcess, tenantId: string) {
  return {
    bpmnProcessId: p.bpmnProcessId,
    version: p.version,
    processDefinitionKey: p.key,
    resourceName: p.resourceName,
    tenantId,
  };
}

function formMetadata(f: DeployedForm, tenantId: string) {
  return {
    formId: f.formId,
    version: f.version,
    formKey: f.key,
    resourceName: f.resourceName,
    tenantId,
  };
}
