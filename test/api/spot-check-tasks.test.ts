/* eslint-disable @typescript-eslint/no-explicit-any -- the tests read untyped JSON answers */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import { useTestDatabase } from '../support/database';
import { useEngine } from '../support/engine';
import { deploy, post } from '../engine/rest-helpers';
import {
  DISTRICT,
  importDemoDistrict,
  loggedIn,
  makeApp,
  staffAccount,
  waitFor,
  type TestApp,
} from './helpers';
import { TOWNSHIP_A, VILLAGE_A1, insertDemand } from './staff-fixtures';

const processes = (name: string) =>
  readFileSync(path.join(__dirname, '../../processes', name), 'utf8');

const FIRST = `${DISTRICT}-20261001-00031`;
const SECOND = `${DISTRICT}-20261002-00032`;

/**
 * A spot-check visit (processes/spot-check.bpmn) runs in one iteration of a multi-instance
 * sub-process whose own scope holds the sampled demand's code: the staff task list and detail
 * show each visit with the demand of its own iteration.
 */
describe('spot-check visits in the staff task list', () => {
  const db = useTestDatabase();
  const engine = useEngine();
  let camunda: Camunda8;
  let t: TestApp;
  let supervisor: Awaited<ReturnType<typeof loggedIn>>;
  let processInstanceKey: string;

  beforeAll(async () => {
    await importDemoDistrict(db.knex);
    const deployed = await deploy(engine.restUrl, {
      'spot-check.bpmn': processes('spot-check.bpmn'),
      'spot-check-visit.form': processes('forms/spot-check-visit.form'),
    });
    if (deployed.status !== 200) throw new Error(JSON.stringify(deployed.body));
    camunda = new Camunda8({
      ZEEBE_GRPC_ADDRESS: `grpc://127.0.0.1:${engine.port}`,
      ZEEBE_REST_ADDRESS: engine.restUrl,
      CAMUNDA_AUTH_STRATEGY: 'NONE',
      CAMUNDA_LOG_LEVEL: 'none',
      zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: 'NONE', ZEEBE_GRPC_CLIENT_RETRY: false },
    } as never);
    t = makeApp(db.knex, { camunda });
    supervisor = await loggedIn(t.app, await staffAccount(db.knex, 'supervisor', DISTRICT));
    for (const [code, content] of [
      [FIRST, '楼道灯坏了'],
      [SECOND, '垃圾没人收'],
    ] as const) {
      await insertDemand(db.knex, t.dataKey, {
        code,
        receivedAt: '2026-10-01T09:00:00+08:00',
        township: TOWNSHIP_A.code,
        village: VILLAGE_A1.code,
        lead: VILLAGE_A1.code,
        status: 'archived',
        archivedAt: '2026-10-20T16:00:00+08:00',
        content,
      });
    }
    // The visits as the sampling leaves them; a process-level demandCode of another demand is
    // hidden inside each visit by its own iteration's.
    const spotCheck = (spotCheckId: number, demandCode: string) => ({
      spotCheckId,
      demandCode,
      unitCode: VILLAGE_A1.code,
      districtCode: DISTRICT,
    });
    const started = await post(`${engine.restUrl}/v2/process-instances`, {
      processDefinitionId: 'spot-check',
      startInstructions: [{ elementId: 'spot-check-visits' }],
      variables: {
        demandCode: `${DISTRICT}-20260101-99999`,
        spotChecks: [spotCheck(1, FIRST), spotCheck(2, SECOND)],
      },
    });
    if (started.status !== 200) throw new Error(JSON.stringify(started.body));
    processInstanceKey = String(started.body.processInstanceKey);
    await waitFor(async () => {
      const found = await post(`${engine.restUrl}/v2/user-tasks/search`, {
        filter: { processInstanceKey, elementId: 'spot-check-visit' },
      });
      return found.body.items?.length === 2 ? true : undefined;
    }, 'two visits');
  });
  afterAll(async () => {
    await camunda.closeAllClients();
  });

  const visits = async () => {
    const res = await supervisor.agent.get('/api/tasks');
    expect(res.status).toBe(200);
    return (res.body.items as any[]).filter((item) => item.elementId === 'spot-check-visit');
  };

  it('lists each visit with the demand of its own iteration', async () => {
    const items = await visits();
    expect(items.map((item) => item.demand?.code).sort()).toEqual([FIRST, SECOND]);
    const first = items.find((item) => item.demand.code === FIRST);
    expect(first).toEqual(
      expect.objectContaining({
        name: '回访核实',
        processInstanceKey,
        candidateGroups: expect.arrayContaining([`supervisor:${DISTRICT}`]),
      }),
    );
    expect(first.demand).toEqual(expect.objectContaining({ code: FIRST, excerpt: '楼道灯坏了' }));
  });

  it('shows one visit with its demand and the form filled from its own scope', async () => {
    const second = (await visits()).find((item) => item.demand.code === SECOND);
    const res = await supervisor.agent.get(`/api/tasks/${second.key}`);
    expect(res.status).toBe(200);
    expect(res.body.demand).toEqual(
      expect.objectContaining({ code: SECOND, content: '垃圾没人收' }),
    );
    expect(res.body.form).toEqual(expect.objectContaining({ formId: 'spot-check-visit' }));
  });

  it('answers the visible variables of a visit from the engine, one entry per scope', async () => {
    const second = (await visits()).find((item) => item.demand.code === SECOND);
    const found = await post(`${engine.restUrl}/v2/user-tasks/${second.key}/variables/search`, {
      filter: { name: 'demandCode' },
    });
    expect(found.status).toBe(200);
    const values = (found.body.items as any[]).map((item) => JSON.parse(item.value)).sort();
    expect(values).toEqual([`${DISTRICT}-20260101-99999`, SECOND].sort());
    const missing = await post(`${engine.restUrl}/v2/user-tasks/1/variables/search`, {});
    expect(missing.status).toBe(404);
  });
});
