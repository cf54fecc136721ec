import { useEngine } from '../support/engine';
import {
  asApi,
  Code,
  deployTasks,
  grpcError,
  incidentOf,
  processIntents,
  rawGateway,
  readRecords,
  useZeebeNode,
  type ZeebeApi,
} from './clients-support';

/**
 * Canceling process instances and setting variables as Camunda 8.8 documents them
 * (zeebe.proto CancelProcessInstance and SetVariables; "Variables": scopes and propagation),
 * through both official clients.
 */
describe('process instance cancelation and variables', () => {
  const zeebeNode = useZeebeNode(() => engine.port);
  const engine = useEngine();

  const clients: Array<[string, () => ZeebeApi]> = [
    ['@camunda8/sdk', () => asApi(engine.zeebe)],
    ['zeebe-node', () => asApi(zeebeNode())],
  ];

  describe.each(clients)('with %s', (_name, client) => {
    async function startAndActivate(tasks = [{}], variables: Record<string, unknown> = {}) {
      const deployed = await deployTasks(client(), tasks);
      const { processInstanceKey } = await client().createProcessInstance({
        bpmnProcessId: deployed.processId,
        variables,
      });
      const [job] = await client().activateJobs({
        type: deployed.types[0]!,
        worker: 'w',
        timeout: 60_000,
        maxJobsToActivate: 1,
      });
      if (!job) throw new Error('no job activated');
      return { ...deployed, processInstanceKey, job };
    }

    const activate = (type: string) =>
      client().activateJobs({ type, worker: 'w', timeout: 60_000, maxJobsToActivate: 1 });

    it('CancelProcessInstance terminates the instance and cancels its jobs: completing the canceled job is rejected with NOT_FOUND', async () => {
      const { job, processInstanceKey } = await startAndActivate();
      await client().cancelProcessInstance(processInstanceKey);
      const intents = await processIntents(engine.databaseUrl, processInstanceKey);
      expect(intents.slice(-2)).toEqual(['ELEMENT_TERMINATING', 'ELEMENT_TERMINATED']);
      const canceled = await readRecords(engine.databaseUrl, {
        valueType: 'JOB',
        intent: 'CANCELED',
        key: job.key,
      });
      expect(canceled).toHaveLength(1);
      const error = await grpcError(client().completeJob({ jobKey: job.key, variables: {} }));
      expect(error.code).toBe(Code.NOT_FOUND);
    });

    it('CancelProcessInstance of an instance that is already canceled is rejected with NOT_FOUND', async () => {
      const { processInstanceKey } = await startAndActivate();
      await client().cancelProcessInstance(processInstanceKey);
      const error = await grpcError(client().cancelProcessInstance(processInstanceKey));
      expect(error.code).toBe(Code.NOT_FOUND);
      expect(error.details).toContain(
        `Expected to cancel a process instance with key '${processInstanceKey}', but no such process was found`,
      );
    });

    it('CancelProcessInstance of an unknown instance is rejected with NOT_FOUND', async () => {
      const error = await grpcError(client().cancelProcessInstance('2251799813999995'));
      expect(error.code).toBe(Code.NOT_FOUND);
    });

    it('CancelProcessInstance of an instance with an incident resolves the incident', async () => {
      const { job, processInstanceKey } = await startAndActivate();
      await client().failJob({
        jobKey: job.key,
        retries: 0,
        errorMessage: 'stuck',
        retryBackOff: 0,
      });
      const incident = await incidentOf(engine.databaseUrl, processInstanceKey);
      await client().cancelProcessInstance(processInstanceKey);
      const resolved = await readRecords(engine.databaseUrl, {
        valueType: 'INCIDENT',
        intent: 'RESOLVED',
        key: incident.key,
      });
      expect(resolved).toHaveLength(1);
      expect(await processIntents(engine.databaseUrl, processInstanceKey)).toContain(
        'ELEMENT_TERMINATED',
      );
    });

    it('SetVariables with local = true sets the variables in that scope only: the next task does not see them', async () => {
      const { job, types } = await startAndActivate([{}, {}], { shared: 0 });
      await client().setVariables({
        elementInstanceKey: job.elementInstanceKey,
        variables: { shared: 1, onlyHere: true },
        local: true,
      });
      // The task's job sees its local variables (the inner scope wins) ...
      await client().failJob({
        jobKey: job.key,
        retries: 1,
        errorMessage: 'again',
        retryBackOff: 0,
      });
      const [again] = await activate(types[0]!);
      expect(again!.variables).toEqual({ shared: 1, onlyHere: true });
      // ... but they end with the task.
      await client().completeJob({ jobKey: again!.key, variables: {} });
      const [next] = await activate(types[1]!);
      expect(next!.variables).toEqual({ shared: 0 });
    });

    it('SetVariables with local = false propagates: each variable goes to the nearest scope that has it, else the process instance', async () => {
      const { job, types, processInstanceKey } = await startAndActivate([{}, {}], { shared: 0 });
      await client().setVariables({
        elementInstanceKey: job.elementInstanceKey,
        variables: { shared: 1, created: 'new' },
        local: false,
      });
      await client().completeJob({ jobKey: job.key, variables: {} });
      const [next] = await activate(types[1]!);
      expect(next!.variables).toEqual({ shared: 1, created: 'new' });
      // Both landed in the process instance scope: `shared` was updated there, not shadowed.
      const variables = await readRecords(engine.databaseUrl, {
        valueType: 'VARIABLE',
        processInstanceKey,
      });
      const last = (name: string) => variables.filter((v) => v.value.name === name).pop();
      expect(last('shared')).toMatchObject({
        intent: 'UPDATED',
        value: { scopeKey: processInstanceKey },
      });
      expect(last('created')).toMatchObject({
        intent: 'CREATED',
        value: { scopeKey: processInstanceKey },
      });
    });

    it('SetVariables on the process instance key sets process variables that the next job sees', async () => {
      const { job, types, processInstanceKey } = await startAndActivate([{}, {}]);
      await client().setVariables({
        elementInstanceKey: processInstanceKey,
        variables: { fromOutside: 42 },
        local: true,
      });
      await client().completeJob({ jobKey: job.key, variables: {} });
      const [next] = await activate(types[1]!);
      expect(next!.variables).toEqual({ fromOutside: 42 });
    });

    it('SetVariables on an unknown element instance is rejected with NOT_FOUND', async () => {
      const error = await grpcError(
        client().setVariables({
          elementInstanceKey: '2251799813999994',
          variables: { x: 1 },
          local: false,
        }),
      );
      expect(error.code).toBe(Code.NOT_FOUND);
    });

    it('SetVariables on a completed instance is rejected with NOT_FOUND', async () => {
      const { job, processInstanceKey } = await startAndActivate();
      await client().completeJob({ jobKey: job.key, variables: {} });
      const error = await grpcError(
        client().setVariables({
          elementInstanceKey: processInstanceKey,
          variables: { x: 1 },
          local: false,
        }),
      );
      expect(error.code).toBe(Code.NOT_FOUND);
    });
  });

  it('SetVariables with a document that is not a JSON object is rejected with INVALID_ARGUMENT', async () => {
    const { processId } = await deployTasks(asApi(engine.zeebe));
    const { processInstanceKey } = await engine.zeebe.createProcessInstance({
      bpmnProcessId: processId,
      variables: {},
    });
    const raw = rawGateway(engine.port);
    try {
      for (const variables of ['[1]', '{"x":', '"x"']) {
        const error = await grpcError(
          raw.call('SetVariables', {
            elementInstanceKey: processInstanceKey,
            variables,
            local: false,
          }),
        );
        expect(error.code).toBe(Code.INVALID_ARGUMENT);
      }
      // zeebe-node passes an array through as it is
      const error = await grpcError(
        asApi(zeebeNode()).setVariables({
          elementInstanceKey: processInstanceKey,
          variables: [1, 2] as unknown as Record<string, unknown>,
          local: false,
        }),
      );
      expect(error.code).toBe(Code.INVALID_ARGUMENT);
    } finally {
      raw.close();
    }
  });

  it('SetVariables answers with the key of the variable document update', async () => {
    const { processId } = await deployTasks(asApi(engine.zeebe));
    const { processInstanceKey } = await engine.zeebe.createProcessInstance({
      bpmnProcessId: processId,
      variables: {},
    });
    const raw = rawGateway(engine.port);
    try {
      const response = await raw.call<{ key: string }>('SetVariables', {
        elementInstanceKey: processInstanceKey,
        variables: '{"a":1}',
        local: true,
      });
      const [updated] = await readRecords(engine.databaseUrl, {
        valueType: 'VARIABLE_DOCUMENT',
        intent: 'UPDATED',
        key: response.key,
      });
      expect(updated).toBeDefined();
    } finally {
      raw.close();
    }
  });
});
