import type { Knex } from 'knex';
import { createEngineCall, EngineRefusal, READ_NOW, type CamundaRestClient } from '../camunda';
import { citizenFor, historyOf, type DemandRow, type ViewContext } from '../demands';
import { isoWithOffset } from '../http';
import { createElementInstanceHistory } from './element-instances';
import { createEngineRecords } from './engine-records';
import type { ProcessHistory } from './replay-model';

export interface ReplayOptions {
  knex: Knex;
  camunda: CamundaRestClient;
  /**
   * The embedded engine's REST address (`http://127.0.0.1:8080`): when set, the replay reads the
   * engine's record history with its hash-chain check; otherwise Camunda's element-instance
   * search. Default: unset.
   */
  engineRecordsUrl?: string;
  /** Default 10000 ms per engine call. */
  timeoutMs?: number;
}

/**
 * The process instances a demand has had, oldest first: one normally; a demand split out of a
 * duplicate group had its first instance ended by the merge and was started again, and the
 * split's history entry keeps the old key.
 */
async function instanceKeysOf(knex: Knex, demand: DemandRow): Promise<string[]> {
  const rows = await knex('demand_history')
    .where({ demand_id: demand.id, action: 'split' })
    .orderBy('id')
    .select<{ key: string | null }[]>(knex.raw(`detail->>'previousProcessInstanceKey' AS key`));
  const keys = rows
    .map((row) => row.key)
    .filter((key): key is string => !!key && /^\d+$/.test(key));
  if (demand.process_instance_key) keys.push(demand.process_instance_key);
  return [...new Set(keys)];
}

/** The audit-log rows of the demand and of its user tasks (claims, completions). */
async function auditOf(knex: Knex, code: string, userTaskKeys: string[]) {
  const rows = await knex('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .where((inner) => {
      inner.where({ 'a.entity_type': 'demand', 'a.entity_id': code });
      if (userTaskKeys.length > 0) {
        inner.orWhere((tasks) =>
          tasks.where('a.entity_type', 'user_task').whereIn('a.entity_id', userTaskKeys),
        );
      }
    })
    .orderBy([
      { column: 'a.occurred_at', order: 'asc' },
      { column: 'a.id', order: 'asc' },
    ])
    .select('a.occurred_at', 'u.username', 'a.action', 'a.entity_type', 'a.entity_id', 'a.details');
  return rows.map((row) => ({
    at: isoWithOffset(row.occurred_at),
    actor: (row.username as string | null) ?? null,
    action: row.action as string,
    entityType: row.entity_type as string | null,
    entityId: row.entity_id as string | null,
    outcome: ((row.details ?? {}) as { outcome?: string }).outcome ?? null,
  }));
}

/**
 * `GET /api/demands/{code}/replay`: the ordered process history for the diagram replay, the
 * diagrams to draw it on (process definition keys, ids and BPMN XML), the demand's own history
 * and the audit log of what staff did to it.
 */
export function createReplay(options: ReplayOptions) {
  const { knex } = options;
  const call = createEngineCall(options.timeoutMs ?? 10_000);
  const client = options.camunda.getOrchestrationClusterApiClientLoose();
  const processHistory: (roots: string[]) => Promise<ProcessHistory> = options.engineRecordsUrl
    ? createEngineRecords(options.engineRecordsUrl, options.timeoutMs)
    : createElementInstanceHistory(client, call);
  const diagrams = new Map<string, Promise<string | null>>();

  /** A definition's XML, read once (definitions never change under their key). */
  function xmlOf(processDefinitionKey: string): Promise<string | null> {
    let found = diagrams.get(processDefinitionKey);
    if (!found) {
      found = call(
        () =>
          client.getProcessDefinitionXml(
            { processDefinitionKey } as never,
            READ_NOW,
          ) as Promise<unknown>,
      ).then(
        (xml) => String(xml),
        (error: unknown) => {
          diagrams.delete(processDefinitionKey);
          if (error instanceof EngineRefusal) return null;
          throw error;
        },
      );
      diagrams.set(processDefinitionKey, found);
    }
    return found;
  }

  return async function replay(context: ViewContext, demand: DemandRow) {
    const { redactor } = citizenFor(context, demand);
    const history = await processHistory(await instanceKeysOf(knex, demand));
    const definitions = new Map<
      string,
      { processDefinitionId: string | null; version: number | null }
    >();
    for (const instance of history.instances) {
      definitions.set(instance.processDefinitionKey, {
        processDefinitionId: instance.processDefinitionId,
        version: instance.version,
      });
    }
    return {
      code: demand.code,
      source: history.source,
      processInstances: history.instances,
      definitions: await Promise.all(
        [...definitions].map(async ([processDefinitionKey, definition]) => ({
          processDefinitionKey,
          ...definition,
          xml: await xmlOf(processDefinitionKey),
        })),
      ),
      steps: history.steps,
      chain: history.chain,
      history: await historyOf(knex, demand.id, redactor),
      audit: await auditOf(knex, demand.code, history.userTaskKeys),
    };
  };
}

export type Replay = ReturnType<typeof createReplay>;
