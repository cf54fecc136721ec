/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped log records */
import type { useEngine } from '../support/engine';
import { eventually, readRecords, unique } from './clients-support';

type Engine = ReturnType<typeof useEngine>;

/**
 * The steps of the process instance migration tests over the gRPC port with the official
 * client: deploy the source (version 1) and target, start on version 1, migrate, work the jobs.
 */
export function migrationSteps(engine: Engine) {
  async function deploy(xml: string): Promise<{ key: string; version: number }> {
    const deployed = await engine.zeebe.deployResource({
      process: Buffer.from(xml),
      name: `${unique('m')}.bpmn`,
    });
    const process = deployed.deployments[0]!.process!;
    return { key: process.processDefinitionKey, version: process.version };
  }

  async function start(processId: string, variables: Record<string, any> = {}) {
    const created = await engine.zeebe.createProcessInstance({
      bpmnProcessId: processId,
      version: 1,
      variables,
    });
    return created.processInstanceKey;
  }

  const migrate = (key: string, target: string, mappings: Array<[string, string]>) =>
    engine.zeebe.migrateProcessInstance({
      processInstanceKey: key,
      migrationPlan: {
        targetProcessDefinitionKey: target,
        mappingInstructions: mappings.map(([sourceElementId, targetElementId]) => ({
          sourceElementId,
          targetElementId,
        })),
      },
    });

  /** The jobs of `type` once `count` of them can be activated. */
  async function jobsOf(type: string, count = 1) {
    const found: any[] = [];
    return eventually(async () => {
      const jobs = await engine.zeebe.activateJobs({
        type,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: count,
      });
      found.push(...jobs);
      return found.length >= count ? found : undefined;
    }, `${count} job(s) of type ${type}`);
  }

  const complete = (job: { key: string }, variables: Record<string, any> = {}) =>
    engine.zeebe.completeJob({ jobKey: job.key, variables });

  /** Log records of the instance with this value type and intent. */
  const records = (processInstanceKey: string, valueType: string, intent: string) =>
    readRecords(engine.databaseUrl, { valueType: valueType as any, intent, processInstanceKey });

  /** Waits until the instance's log has a record of this type and intent (e.g. its completion). */
  const recorded = (
    processInstanceKey: string,
    valueType: string,
    intent: string,
    elementId: string,
  ) =>
    eventually(async () => {
      const found = await records(processInstanceKey, valueType, intent);
      return found.find((r) => r.value.elementId === elementId);
    }, `${valueType} ${intent} of ${elementId}`);

  return { deploy, start, migrate, jobsOf, complete, records, recorded };
}
