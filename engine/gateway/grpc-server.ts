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

/**
 * Answers tell clients to send their requests uncompressed (`grpc-accept-encoding: identity`):
 * the official clients gzip every request by default, and the engine's requests are a few
 * dozen bytes, which gzip makes larger, while unpacking each one costs the engine more CPU
 * than processing the command. A client that compresses anyway is still understood.
 */
const uncompressedRequests: grpc.ServerInterceptor = (_method, call) =>
  new grpc.ServerInterceptingCall(call, {
    sendMetadata: (metadata, next) => {
      metadata.set('grpc-accept-encoding', 'identity');
      next(metadata);
    },
  });

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
  const server = new grpc.Server({
    'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
    interceptors: [uncompressedRequests],
  });
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
