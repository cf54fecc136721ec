import path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import type { EngineService } from '../service/engine-service';
import { gatewayHandlers } from './grpc-handlers';

/** The zeebe.proto the official client ships: the same contract on both ends of the wire. */
function protoPath(): string {
  return path.join(
    path.dirname(require.resolve('@camunda8/sdk/package.json')),
    'dist',
    'proto',
    'zeebe.proto',
  );
}

const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

export interface GrpcGateway {
  port: number;
  stop(): Promise<void>;
}

export async function startGrpcGateway(
  engine: EngineService,
  options: { host: string; port: number },
): Promise<GrpcGateway> {
  const definition = protoLoader.loadSync(protoPath(), {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: true,
    oneofs: true,
  });
  const proto = grpc.loadPackageDefinition(definition) as unknown as {
    gateway_protocol: { Gateway: { service: grpc.ServiceDefinition } };
  };
  // Zeebe's gateway accepts messages up to its maxMessageSize (4 MB by default); larger ones
  // are refused by the transport with RESOURCE_EXHAUSTED before anything is processed.
  // The gateway keeps advertising gzip, as Zeebe's does. Asking clients for uncompressed
  // messages (grpc-accept-encoding: identity) would spare a zlib pass per request, but a job
  // stream's first request, still gzipped, then loses the race against the same client's later
  // uncompressed requests on its other connection, and the stream misses its first jobs.
  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_MESSAGE_BYTES });
  let boundPort = options.port;
  const handlers = gatewayHandlers(engine, () => boundPort);
  const service = proto.gateway_protocol.Gateway.service;
  const implementation: grpc.UntypedServiceImplementation = {};
  for (const name of Object.keys(service)) {
    implementation[name] =
      handlers[name] ??
      ((_call: unknown, callback?: grpc.sendUnaryData<unknown>) =>
        callback?.({
          code: grpc.status.UNIMPLEMENTED,
          details: `${name} is not supported by the embedded engine yet`,
        }));
  }
  server.addService(service, implementation);
  boundPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `${options.host}:${options.port}`,
      grpc.ServerCredentials.createInsecure(),
      (error, port) => (error ? reject(error) : resolve(port)),
    ),
  );
  return {
    port: boundPort,
    stop: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => server.forceShutdown(), 2000).unref();
      }),
  };
}
