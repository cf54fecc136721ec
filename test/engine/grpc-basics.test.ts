import fs from 'node:fs';
import http2 from 'node:http2';
import path from 'node:path';
import zlib from 'node:zlib';
import { useEngine } from '../support/engine';

const model = (name: string) => path.join(__dirname, 'models', name);

/** One gRPC call at the HTTP/2 level: the response headers, trailers and body bytes. */
function rawCall(port: number, method: string, headers: http2.OutgoingHttpHeaders, body: Buffer) {
  return new Promise<{
    headers: http2.IncomingHttpHeaders;
    trailers: http2.IncomingHttpHeaders;
    body: Buffer;
  }>((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    const stream = session.request({
      ':method': 'POST',
      ':path': `/gateway_protocol.Gateway/${method}`,
      'content-type': 'application/grpc',
      te: 'trailers',
      ...headers,
    });
    const chunks: Buffer[] = [];
    let responseHeaders: http2.IncomingHttpHeaders = {};
    stream.on('response', (h) => (responseHeaders = h));
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('trailers', (trailers) => {
      stream.on('end', () => {
        session.close();
        resolve({ headers: responseHeaders, trailers, body: Buffer.concat(chunks) });
      });
    });
    stream.on('error', reject);
    stream.end(body);
  });
}

/** A gRPC length-prefixed message: compressed flag, 4-byte length, bytes. */
function frame(compressed: boolean, bytes: Buffer): Buffer {
  const prefix = Buffer.alloc(5);
  prefix.writeUInt8(compressed ? 1 : 0, 0);
  prefix.writeUInt32BE(bytes.length, 1);
  return Buffer.concat([prefix, bytes]);
}

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

  it('the gateway accepts gzip-compressed messages and asks clients for uncompressed ones (gRPC compression negotiation)', async () => {
    // An empty TopologyRequest, gzipped as the official clients send every message by default.
    const gzipped = zlib.gzipSync(Buffer.alloc(0));
    const answer = await rawCall(
      engine.port,
      'Topology',
      { 'grpc-encoding': 'gzip', 'grpc-accept-encoding': 'identity,gzip' },
      frame(true, gzipped),
    );
    expect(answer.trailers['grpc-status']).toBe('0');
    expect(answer.body.length).toBeGreaterThan(5);
    expect(answer.headers['grpc-accept-encoding']).toBe('identity');
  });
});
