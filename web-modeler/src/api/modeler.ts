import { ApiError, request } from '../../../web/src/api/http';

export { ApiError } from '../../../web/src/api/http';
export { currentUser } from '../../../web/src/api/session';

/** One deployed version of a process (`GET /api/modeler/processes`). */
export interface ProcessVersion {
  key: string;
  version: number;
  versionTag: string | null;
  name: string | null;
  resourceName: string | null;
}

export interface DeployedProcess {
  processDefinitionId: string;
  name: string | null;
  /** Newest first. */
  versions: ProcessVersion[];
}

/** One decision of a deployed DMN version (`GET /api/modeler/decisions`). */
export interface DecisionVersion {
  key: string;
  decisionDefinitionId: string;
  name: string | null;
  version: number;
  decisionRequirementsKey: string;
}

/** The deployed versions of one DMN file (decision requirements), newest first. */
export interface DecisionModel {
  decisionRequirementsId: string;
  name: string | null;
  versions: { version: number; decisions: DecisionVersion[] }[];
}

/** The deployed versions of one form, newest first (`GET /api/modeler/forms`). */
export interface FormModel {
  formId: string;
  versions: { key: string; version: number; resourceName: string | null }[];
}

export interface Deployment {
  deploymentKey: string;
  processes: { processDefinitionId: string; version: number; key: string }[];
  decisions: {
    decisionDefinitionId: string;
    decisionRequirementsId: string;
    version: number;
    key: string;
  }[];
  forms: { formId: string; version: number; key: string }[];
}

export async function listProcesses(): Promise<DeployedProcess[]> {
  return (await request<{ items: DeployedProcess[] }>('GET', '/modeler/processes')).items;
}

export async function listDecisions(): Promise<DecisionModel[]> {
  return (await request<{ items: DecisionModel[] }>('GET', '/modeler/decisions')).items;
}

export async function listForms(): Promise<FormModel[]> {
  return (await request<{ items: FormModel[] }>('GET', '/modeler/forms')).items;
}

/** The form-js schema of one form version. */
export function formSchema(key: string): Promise<Record<string, unknown>> {
  return request<Record<string, unknown>>('GET', `/modeler/forms/${encodeURIComponent(key)}`);
}

/** The BPMN of one version; XML, so not through `request`, which reads JSON. */
export function processXml(key: string): Promise<string> {
  return modelXml('processes', key);
}

/** The DMN of the decision requirements a decision version belongs to. */
export function decisionXml(key: string): Promise<string> {
  return modelXml('decisions', key);
}

async function modelXml(kind: 'processes' | 'decisions', key: string): Promise<string> {
  const response = await fetch(`/api/modeler/${kind}/${encodeURIComponent(key)}/xml`, {
    credentials: 'same-origin',
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { detail?: string };
    throw new ApiError({ type: 'about:blank', status: response.status, detail: body.detail });
  }
  return response.text();
}

/** Deploys one model as a new version; a refusal is an `ApiError` naming elements in `errors`. */
export function deploy(name: string, content: string): Promise<Deployment> {
  return request<Deployment>('POST', '/modeler/deployments', {
    resources: [{ name, content }],
  });
}

export interface MappingInstruction {
  sourceElementId: string;
  targetElementId: string;
}

export interface InstanceRef {
  processInstanceKey: string;
  demandCode: string | null;
}

/** A running instance in the dry run: what it waits on, why the engine would refuse it. */
export interface PlannedInstance extends InstanceRef {
  activeElements: { elementId: string; type: string }[];
  refusal: string | null;
}

export interface MigrationPlan {
  mappingInstructions: MappingInstruction[];
  instances: PlannedInstance[];
}

export interface MigrationResult {
  mappingInstructions: MappingInstruction[];
  migrated: InstanceRef[];
  refused: (InstanceRef & { reason: string })[];
}

/** An element of a version that a mapping can name; `type` includes its event definitions. */
export interface MigrationElement {
  elementId: string;
  name: string | null;
  type: string;
}

/** The server's same-id mapping, with both versions' mappable elements. */
export interface MappingProposal {
  mappingInstructions: MappingInstruction[];
  sourceElements: MigrationElement[];
  targetElements: MigrationElement[];
}

export function proposeMapping(source: string, target: string): Promise<MappingProposal> {
  const query = new URLSearchParams({
    sourceProcessDefinitionKey: source,
    targetProcessDefinitionKey: target,
  });
  return request<MappingProposal>('GET', `/modeler/migrations/proposal?${query}`);
}

const migration = (
  source: string,
  target: string,
  dryRun: boolean,
  mappingInstructions: MappingInstruction[],
) => ({
  sourceProcessDefinitionKey: source,
  targetProcessDefinitionKey: target,
  mappingInstructions,
  dryRun,
});

/** The dry run with this mapping: the running instances of `source`; nothing moves. */
export function planMigration(
  source: string,
  target: string,
  mapping: MappingInstruction[],
): Promise<MigrationPlan> {
  return request<MigrationPlan>(
    'POST',
    '/modeler/migrations',
    migration(source, target, true, mapping),
  );
}

/** Moves every running instance of `source` to `target` with this mapping. */
export function migrate(
  source: string,
  target: string,
  mapping: MappingInstruction[],
): Promise<MigrationResult> {
  return request<MigrationResult>(
    'POST',
    '/modeler/migrations',
    migration(source, target, false, mapping),
  );
}
