import { sdkClient, useEngine } from '../support/engine';
import {
  asApi,
  Code,
  deployTasks,
  readRecords,
  zeebeNodeClient,
  type ZeebeApi,
} from './clients-support';

/**
 * Backpressure as DESIGN §4 and Camunda's docs describe it ("Backpressure"): when the engine
 * cannot keep up, requests are refused at once with RESOURCE_EXHAUSTED (the client may retry
 * later) instead of queueing without bound. Nothing hangs, and what was refused changed nothing.
 * The engine runs with a tiny command queue so that a modest flood overloads it.
 */
describe('backpressure', () => {
  const engine = useEngine({ env: { ENGINE_MAX_QUEUED_COMMANDS: '4' } });

  // Both clients retry RESOURCE_EXHAUSTED by default (forever, in the SDK's case); the rule is
  // about what the engine answers, so the clients' own retries are off.
  const clients: Array<[string, () => ZeebeApi & { close(): Promise<unknown> }]> = [
    [
      '@camunda8/sdk',
      () =>
        asApi(sdkClient(engine.port, { ZEEBE_GRPC_CLIENT_RETRY: false })) as ZeebeApi & {
          close(): Promise<unknown>;
        },
    ],
    [
      'zeebe-node',
      () =>
        asApi(zeebeNodeClient(engine.port, { retry: false })) as ZeebeApi & {
          close(): Promise<unknown>;
        },
    ],
  ];

  it.each(clients)(
    '%s: a flood of CreateProcessInstance is partly refused with RESOURCE_EXHAUSTED, every request is answered, and refused ones create nothing',
    async (_name, make) => {
      const client = make();
      try {
        const { processId } = await deployTasks(client);
        const flood = 300;
        const outcomes = await Promise.race([
          Promise.allSettled(
            Array.from({ length: flood }, (_, i) =>
              client.createProcessInstance({ bpmnProcessId: processId, variables: { i } }),
            ),
          ),
          new Promise<never>((_, reject) =>
            setTimeout(() => reject(new Error('some requests were never answered')), 20_000),
          ),
        ]);
        const created = outcomes.filter((o) => o.status === 'fulfilled');
        const refused = outcomes.filter((o) => o.status === 'rejected');
        expect(created.length).toBeGreaterThan(0);
        expect(refused.length).toBeGreaterThan(0);
        for (const o of refused) {
          expect((o.reason as { code?: number }).code).toBe(Code.RESOURCE_EXHAUSTED);
        }
        // Only the accepted requests created instances.
        const records = await readRecords(engine.databaseUrl, {
          valueType: 'PROCESS_INSTANCE_CREATION',
          intent: 'CREATED',
        });
        expect(records.filter((r) => r.value.bpmnProcessId === processId)).toHaveLength(
          created.length,
        );
        // Once the flood is over, the engine serves requests again.
        await expect(
          client.createProcessInstance({ bpmnProcessId: processId, variables: {} }),
        ).resolves.toMatchObject({ bpmnProcessId: processId });
      } finally {
        await client.close();
      }
    },
  );

  it('the REST API answers backpressure with 503 problem details', async () => {
    const requests = Array.from({ length: 200 }, () =>
      fetch(`${engine.restUrl}/v2/clock`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ timestamp: Date.UTC(2030, 0, 1) }),
      }),
    );
    const responses = await Promise.all(requests);
    const statuses = responses.map((r) => r.status);
    expect(statuses).toContain(204);
    expect(statuses).toContain(503);
    expect(statuses.every((s) => s === 204 || s === 503)).toBe(true);
    const refused = responses.find((r) => r.status === 503)!;
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.json()).toMatchObject({
      type: 'about:blank',
      title: 'RESOURCE_EXHAUSTED',
      status: 503,
      instance: '/v2/clock',
    });
    await engine.resetClock();
  });
});
