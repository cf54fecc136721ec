import type { ServerUnaryCall, ServerWritableStream, sendUnaryData } from '@grpc/grpc-js';
import { parseKey } from '../protocol/keys';
import { parseVariables, type Result } from '../service/engine-service';
import { invalidArgument, toGrpcError, type GrpcError } from './grpc-status';

/* eslint-disable @typescript-eslint/no-explicit-any -- request and response shapes come from zeebe.proto at run time */
export type Unary = (call: ServerUnaryCall<any, any>, callback: sendUnaryData<any>) => void;
export type ServerStream = (call: ServerWritableStream<any, any>) => void;
export type Handler = Unary | ServerStream;

/**
 * A unary RPC: `run` validates the request and calls the engine; a rejection becomes the
 * gRPC status Zeebe's gateway maps it to, a success becomes the response `respond` builds.
 */
export function unary<T>(
  commandName: string,
  run: (request: any) => Promise<Result<T> | GrpcError>,
  respond: (value: T) => unknown,
): Unary {
  return (call, callback) => {
    run(call.request).then(
      (result) => {
        if ('code' in result) return callback(result);
        if (!result.ok) return callback(toGrpcError(result, commandName));
        callback(null, respond(result.value));
      },
      (error: unknown) =>
        callback({ code: 13, details: String((error as Error)?.message ?? error) }),
    );
  };
}

export function key(raw: unknown, name: string): string | GrpcError {
  return (
    parseKey(raw) ??
    invalidArgument(
      `Expected argument '${name}' to be a positive 64-bit key, but got '${String(raw)}'`,
    )
  );
}

export function variablesOf(raw: string | undefined): Record<string, unknown> | GrpcError {
  const parsed = parseVariables(raw);
  return parsed.ok ? parsed.value : invalidArgument(parsed.reason);
}

export function isError(value: unknown): value is GrpcError {
  return typeof value === 'object' && value !== null && 'code' in value && 'details' in value;
}
