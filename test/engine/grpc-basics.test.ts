import fs from 'node:fs';
import path from 'node:path';
import { useEngine } from '../support/engine';

const model = (name: string) => path.join(__dirname, 'models', name);

describe('gRPC gateway with the Camunda 8 SDK', () => {
  const engine = useEngine();

  it('Topology reports one broker with one partition, version 8.8', async () => {
    const topology = await engine.zeebe.topology();
    expect(topology.clusterSize).toBe(1);
    expect(topology.partitionsCount).toBe(1);
    expect(topology.brokers[0]?.partitions).toEqual([
      { partitionId: 1, role: 'LEADER', health: 'HEALTHY' },
    ]);
    // The SDK's BrokerInfo type omits `version`, which the protocol carries.
    expect((topology.brokers[0] as { version?: string } | undefined)?.version).toMatch(/^8\.8\./);
    expect(topology.gatewayVersion).toMatch(/^8\.8\./);
  });

  it('deploying the same content again keeps the version; changed content gets the next', async () => {
    const first = await engine.zeebe.deployResource({ processFilename: model('one-task.bpmn') });
    const again = await engine.zeebe.deployResource({ processFilename: model('one-task.bpmn') });
    const firstProcess = first.deployments[0]!.process!;
    const againProcess = again.deployments[0]!.process!;
    expect(againProcess.version).toBe(firstProcess.version);
    expect(againProcess.processDefinitionKey).toBe(firstProcess.processDefinitionKey);

    const changed = fs
      .readFileSync(model('one-task.bpmn'), 'utf8')
      .replace('<bpmn:endEvent id="end">', '<bpmn:endEvent id="end" name="Done">');
    const next = await engine.zeebe.deployResource({
      process: Buffer.from(changed),
      name: 'one-task.bpmn',
    });
    expect(next.deployments[0]!.process!.version).toBe(firstProcess.version + 1);
    // Keys are 64-bit decimal strings, above 2^51 (partition 1).
    expect(BigInt(next.deployments[0]!.process!.processDefinitionKey)).toBeGreaterThan(2n ** 51n);
  });

  it('a job worker completes the service task and its variables reach the process', async () => {
    const worker = engine.zeebe.createWorker({
      taskType: 'work',
      taskHandler: (job) => job.complete({ doubled: (job.variables as { n: number }).n * 2 }),
    });
    try {
      const result = await engine.zeebe.createProcessInstanceWithResult({
        bpmnProcessId: 'one-task',
        variables: { n: 21 },
      });
      expect(result.variables).toEqual({ n: 21, doubled: 42 });
    } finally {
      await worker.close();
    }
  });

  it('a deployment with an element the engine cannot run is rejected with INVALID_ARGUMENT naming it, and nothing of it is deployed', async () => {
    const good = fs
      .readFileSync(model('one-task.bpmn'), 'utf8')
      .replace('id="one-task"', 'id="deployed-with-a-bad-file"');
    await expect(
      engine.zeebe.deployResources([
        { process: Buffer.from(good), name: 'good.bpmn' },
        { processFilename: model('complex-gateway.bpmn') },
      ]),
    ).rejects.toThrow(/INVALID_ARGUMENT[\s\S]*'Decide_complex'/);
    await expect(
      engine.zeebe.createProcessInstance({
        bpmnProcessId: 'deployed-with-a-bad-file',
        variables: {},
      }),
    ).rejects.toThrow(/NOT_FOUND/);
  });

  it('an unknown process id is rejected with NOT_FOUND', async () => {
    await expect(
      engine.zeebe.createProcessInstance({ bpmnProcessId: 'no-such-process', variables: {} }),
    ).rejects.toThrow(/NOT_FOUND/);
  });
});
