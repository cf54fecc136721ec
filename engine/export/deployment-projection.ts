import type { LoggedRecord } from '../protocol/records';
import type { DeployedDecision, DeployedDrg } from '../state/decisions';
import type { DeployedForm } from '../state/types';
import type { TableRows } from './table-rows';

function table(name: string, columns: string[]): TableRows {
  // Deployed resources never change: an existing row is kept (empty ON CONFLICT clause).
  return { table: name, columns, onConflict: '', rows: new Map() };
}

/**
 * Search rows of the deployed decisions, their decision requirements (with the DMN XML) and
 * forms (with their schema), as Camunda's exporters write them to its secondary storage. The
 * tenant comes from the DEPLOYMENT CREATED event of the same batch, as for processes.
 */
export function projectDeployedResources(records: LoggedRecord[]): TableRows[] {
  const decisions = table('decision_definitions', [
    'key',
    'decision_id',
    'name',
    'version',
    'decision_requirements_key',
    'decision_requirements_id',
    'deployment_key',
    'tenant_id',
  ]);
  const requirements = table('decision_requirements', [
    'key',
    'decision_requirements_id',
    'name',
    'version',
    'resource_name',
    'deployment_key',
    'tenant_id',
    'xml',
  ]);
  const forms = table('forms', [
    'key',
    'form_id',
    'version',
    'resource_name',
    'deployment_key',
    'tenant_id',
    'schema',
  ]);
  const tenants = new Map<string, string>();
  for (const record of records) {
    if (record.recordType !== 'EVENT') continue;
    const kind = `${record.valueType}:${record.intent}`;
    if (kind === 'DECISION:CREATED') {
      const d = record.value as DeployedDecision;
      decisions.rows.set(d.key, {
        key: d.key,
        decision_id: d.decisionId,
        name: d.decisionName,
        version: d.version,
        decision_requirements_key: d.decisionRequirementsKey,
        decision_requirements_id: d.decisionRequirementsId,
        deployment_key: d.deploymentKey,
        tenant_id: d.tenantId,
      });
    } else if (kind === 'DECISION_REQUIREMENTS:CREATED') {
      const drg = record.value as DeployedDrg;
      requirements.rows.set(drg.key, {
        key: drg.key,
        decision_requirements_id: drg.decisionRequirementsId,
        name: drg.decisionRequirementsName,
        version: drg.version,
        resource_name: drg.resourceName,
        deployment_key: drg.deploymentKey,
        tenant_id: drg.tenantId,
        xml: drg.resource,
      });
    } else if (kind === 'FORM:CREATED') {
      const f = record.value as DeployedForm;
      forms.rows.set(f.key, {
        key: f.key,
        form_id: f.formId,
        version: f.version,
        resource_name: f.resourceName,
        deployment_key: f.deploymentKey,
        tenant_id: '<default>',
        schema: f.schema,
      });
    } else if (kind === 'DEPLOYMENT:CREATED') {
      tenants.set(record.key, (record.value as { tenantId: string }).tenantId);
    }
  }
  for (const row of [
    ...decisions.rows.values(),
    ...requirements.rows.values(),
    ...forms.rows.values(),
  ]) {
    row.tenant_id = tenants.get(row.deployment_key as string) ?? row.tenant_id ?? '<default>';
  }
  return [decisions, requirements, forms];
}

/** The search tables of deployed decisions and forms (ensureSearchSchema creates them). */
export const DEPLOYED_RESOURCE_STATEMENTS = [
  `CREATE TABLE IF NOT EXISTS engine.decision_definitions (
     key bigint PRIMARY KEY,
     decision_id text NOT NULL,
     name text,
     version int NOT NULL,
     decision_requirements_key bigint NOT NULL,
     decision_requirements_id text NOT NULL,
     deployment_key bigint NOT NULL,
     tenant_id text NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS engine.decision_requirements (
     key bigint PRIMARY KEY,
     decision_requirements_id text NOT NULL,
     name text,
     version int NOT NULL,
     resource_name text NOT NULL,
     deployment_key bigint NOT NULL,
     tenant_id text NOT NULL,
     xml text NOT NULL
   )`,
  `CREATE TABLE IF NOT EXISTS engine.forms (
     key bigint PRIMARY KEY,
     form_id text NOT NULL,
     version int NOT NULL,
     resource_name text NOT NULL,
     deployment_key bigint NOT NULL,
     tenant_id text NOT NULL,
     schema text NOT NULL
   )`,
];
