import { sdkClient, useEngine } from '../support/engine';
import {
  asApi,
  Code,
  deployTasks,
  grpcError,
  processIntents,
  rawGateway,
  readRecords,
  sequenceProcess,
  unique,
  useZeebeNode,
  zeebeNodeClient,
  type ZeebeApi,
} from './clients-support';

/**
 * Creating process instances as Camunda 8.8 documents it (zeebe.proto CreateProcessInstance
 * and CreateProcessInstanceWithResult; "Variables"), through both official clients and, for
 * what they cannot send, a raw client of the same zeebe.proto.
 */
describe('process instance creation', () => {
  const zeebeNode = useZeebeNode(() => engine.port);
  const engine = useEngine();
  let raw: ReturnType<typeof rawGateway>;
  beforeAll(() => {
    raw = rawGateway(engine.port);
  });
  afterAll(() => raw.close());

  const clients: Array<[string, () => ZeebeApi]> = [
    ['@camunda8/sdk', () => asApi(engine.zeebe)],
    ['zeebe-node', () => asApi(zeebeNode())],
  ];

  /** Deploys the same process id twice with different content: versions 1 and 2. */
  async function twoVersions(client: ZeebeApi) {
    const processId = unique('versioned');
    const keys: string[] = [];
    for (const type of [unique('v1'), unique('v2')]) {
      const deployed = await client.deployResource({
        process: Buffer.from(sequenceProcess(processId, [{ id: 'task', type }])),
        name: `${processId}.bpmn`,
      });
      keys.push(deployed.deployments[0]!.process!.processDefinitionKey);
    }
    return { processId, v1: keys[0]!, v2: keys[1]! };
  }

  describe.each(clients)('with %s', (_name, client) => {
    it('CreateProcessInstance without a version starts the latest version', async () => {
      const { processId, v2 } = await twoVersions(client());
      const created = await client().createProcessInstance({
        bpmnProcessId: processId,
        variables: {},
      });
      expect(created).toMatchObject({
        bpmnProcessId: processId,
        version: 2,
        processDefinitionKey: v2,
      });
      expect(BigInt(created.processInstanceKey)).toBeGreaterThan(2n ** 51n);
    });

    it('CreateProcessInstance by BPMN process id and version starts that version', async () => {
      const { processId, v1 } = await twoVersions(client());
      const created = await client().createProcessInstance({
        bpmnProcessId: processId,
        version: 1,
        variables: {},
      });
      expect(created).toMatchObject({
        bpmnProcessId: processId,
        version: 1,
        processDefinitionKey: v1,
      });
    });

    it('CreateProcessInstance of a version that does not exist is rejected with NOT_FOUND', async () => {
      const { processId } = await twoVersions(client());
      const error = await grpcError(
        client().createProcessInstance({ bpmnProcessId: processId, version: 3, variables: {} }),
      );
      expect(error.code).toBe(Code.NOT_FOUND);
      expect(error.details).toContain(`'${processId}' and version '3'`);
    });

    it('CreateProcessInstance: the variables become process variables, visible to the first job', async () => {
      const { processId, types } = await deployTasks(client());
      await client().createProcessInstance({
        bpmnProcessId: processId,
        variables: { order: { id: 7, lines: [1, 2] }, note: '民生' },
      });
      const [job] = await client().activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      expect(job!.variables).toEqual({ order: { id: 7, lines: [1, 2] }, note: '民生' });
    });

    it('CreateProcessInstanceWithResult answers when the instance completes, with only the fetchVariables', async () => {
      const { processId, types } = await deployTasks(client());
      const result = client().createProcessInstanceWithResult({
        bpmnProcessId: processId,
        variables: { input: 1 },
        fetchVariables: ['a', 'c'],
        requestTimeout: 20_000,
      });
      const [job] = await client().activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 10_000,
      });
      await client().completeJob({ jobKey: job!.key, variables: { a: 1, b: 2, c: 3 } });
      const { variables, processInstanceKey } = await result;
      expect(variables).toEqual({ a: 1, c: 3 });
      expect(processInstanceKey).toBe(job!.processInstanceKey);
    });

    it('CreateProcessInstanceWithResult without fetchVariables returns all process variables', async () => {
      const { processId, types } = await deployTasks(client());
      const result = client().createProcessInstanceWithResult({
        bpmnProcessId: processId,
        variables: { input: 1 },
        requestTimeout: 20_000,
      });
      const [job] = await client().activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
        requestTimeout: 10_000,
      });
      await client().completeJob({ jobKey: job!.key, variables: { output: 2 } });
      expect((await result).variables).toEqual({ input: 1, output: 2 });
    });
  });

  describe('CreateProcessInstanceWithResult with a requestTimeout shorter than the work', () => {
    // Both clients without their automatic retries: the SDK would retry DEADLINE_EXCEEDED
    // (and so start another instance each time).
    const noRetry: Array<[string, () => ZeebeApi]> = [
      ['@camunda8/sdk', () => asApi(sdkClient(engine.port, { ZEEBE_GRPC_CLIENT_RETRY: false }))],
      ['zeebe-node', () => asApi(zeebeNodeClient(engine.port, { retry: false }))],
    ];

    it.each(noRetry)(
      '%s: the request fails with DEADLINE_EXCEEDED, and the instance goes on to completion',
      async (_name, make) => {
        const client = make();
        try {
          const { processId, types } = await deployTasks(client);
          const started = Date.now();
          const error = await grpcError(
            client.createProcessInstanceWithResult({
              bpmnProcessId: processId,
              variables: {},
              requestTimeout: 500,
            }),
          );
          expect(error.code).toBe(Code.DEADLINE_EXCEEDED);
          expect(Date.now() - started).toBeLessThan(5_000);
          // Exactly one instance was created, and it still waits for its job.
          const created = await readRecords(engine.databaseUrl, {
            valueType: 'PROCESS_INSTANCE_CREATION',
            intent: 'CREATED',
          });
          const mine = created.filter((r) => r.value.bpmnProcessId === processId);
          expect(mine).toHaveLength(1);
          const [job] = await client.activateJobs({
            type: types[0]!,
            worker: 'w',
            timeout: 60_000,
            maxJobsToActivate: 1,
          });
          expect(job!.processInstanceKey).toBe(mine[0]!.key);
          await client.completeJob({ jobKey: job!.key, variables: {} });
          expect(await processIntents(engine.databaseUrl, job!.processInstanceKey)).toContain(
            'ELEMENT_COMPLETED',
          );
        } finally {
          await (client as unknown as { close(): Promise<unknown> }).close();
        }
      },
    );
  });

  // The official clients build requests from a BPMN process id; these fields and malformed
  // documents need a raw client of the same protocol.
  describe('over the raw protocol', () => {
    it('CreateProcessInstance by processDefinitionKey starts exactly that definition', async () => {
      const { processId, v1 } = await twoVersions(asApi(engine.zeebe));
      const created = await raw.call('CreateProcessInstance', {
        processDefinitionKey: v1,
        variables: '{"x":1}',
      });
      expect(created).toMatchObject({
        bpmnProcessId: processId,
        version: 1,
        processDefinitionKey: v1,
      });
    });

    it('CreateProcessInstance by an unknown processDefinitionKey is rejected with NOT_FOUND', async () => {
      const error = await grpcError(
        raw.call('CreateProcessInstance', {
          processDefinitionKey: '2251799813999990',
          variables: '',
        }),
      );
      expect(error.code).toBe(Code.NOT_FOUND);
    });

    it('CreateProcessInstance with neither process id nor definition key is rejected with INVALID_ARGUMENT', async () => {
      const error = await grpcError(raw.call('CreateProcessInstance', { variables: '' }));
      expect(error.code).toBe(Code.INVALID_ARGUMENT);
    });

    it.each([
      ['malformed JSON', '{"a":'],
      ['a JSON array', '[1,2,3]'],
      ['a JSON string', '"text"'],
      ['a JSON number', '42'],
    ])('variables that are %s are rejected with INVALID_ARGUMENT', async (_what, variables) => {
      const { processId } = await deployTasks(asApi(engine.zeebe));
      const error = await grpcError(
        raw.call('CreateProcessInstance', { bpmnProcessId: processId, version: -1, variables }),
      );
      expect(error.code).toBe(Code.INVALID_ARGUMENT);
      const created = await readRecords(engine.databaseUrl, {
        valueType: 'PROCESS_INSTANCE_CREATION',
        intent: 'CREATED',
      });
      expect(created.filter((r) => r.value.bpmnProcessId === processId)).toEqual([]);
    });

    it('empty variables mean no variables', async () => {
      const { processId } = await deployTasks(asApi(engine.zeebe));
      await expect(
        raw.call('CreateProcessInstance', { bpmnProcessId: processId, version: -1, variables: '' }),
      ).resolves.toMatchObject({ bpmnProcessId: processId });
    });
  });

  it('zeebe-node: an array as the variables document is rejected with INVALID_ARGUMENT', async () => {
    const { processId } = await deployTasks(asApi(engine.zeebe));
    const error = await grpcError(
      asApi(zeebeNode()).createProcessInstance({
        bpmnProcessId: processId,
        variables: [1, 2] as unknown as Record<string, unknown>,
      }),
    );
    expect(error.code).toBe(Code.INVALID_ARGUMENT);
    expect(error.details).toContain("Expected document to be a root level object, but was 'ARRAY'");
  });

  describe('a variables document larger than the 4 MB message size', () => {
    const big = { blob: 'x'.repeat(5 * 1024 * 1024) };

    it('is refused with RESOURCE_EXHAUSTED before anything is created (both clients and raw)', async () => {
      const { processId } = await deployTasks(asApi(engine.zeebe));
      const sdk = sdkClient(engine.port, { ZEEBE_GRPC_CLIENT_RETRY: false });
      const zb = zeebeNodeClient(engine.port, { retry: false });
      try {
        for (const client of [asApi(sdk), asApi(zb)]) {
          const error = await grpcError(
            client.createProcessInstance({ bpmnProcessId: processId, variables: big }),
          );
          expect(error.code).toBe(Code.RESOURCE_EXHAUSTED);
        }
        const error = await grpcError(
          raw.call('CreateProcessInstance', {
            bpmnProcessId: processId,
            version: -1,
            variables: JSON.stringify(big),
          }),
        );
        expect(error.code).toBe(Code.RESOURCE_EXHAUSTED);
        const created = await readRecords(engine.databaseUrl, {
          valueType: 'PROCESS_INSTANCE_CREATION',
          intent: 'CREATED',
        });
        expect(created.filter((r) => r.value.bpmnProcessId === processId)).toEqual([]);
      } finally {
        await sdk.close();
        await zb.close();
      }
    });

    it('while a 1 MB document is accepted', async () => {
      const { processId, types } = await deployTasks(asApi(engine.zeebe));
      const blob = 'y'.repeat(1024 * 1024);
      await engine.zeebe.createProcessInstance({ bpmnProcessId: processId, variables: { blob } });
      const [job] = await asApi(engine.zeebe).activateJobs({
        type: types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      expect((job!.variables.blob as string).length).toBe(blob.length);
    });
  });
});
