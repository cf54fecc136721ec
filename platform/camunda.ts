import { Camunda8 } from '@camunda8/sdk';
import { ConfigError } from './config';

/** Where the system's engine is. */
export interface CamundaTarget {
  /** `grpc://host:port` (or `grpcs://`) of the Zeebe gateway. */
  grpcAddress: string;
  /** Base address of the REST v2 API, e.g. `http://host:8080`. */
  restAddress: string;
  /** The embedded engine this system started (no authentication), or an external cluster. */
  embedded: boolean;
}

/**
 * The external Camunda 8 cluster named by `ZEEBE_GRPC_ADDRESS` and `ZEEBE_REST_ADDRESS`, or
 * undefined when neither is set: then the system runs its embedded engine.
 */
export function externalCamundaTarget(
  env: NodeJS.ProcessEnv = process.env,
): CamundaTarget | undefined {
  const grpcAddress = env.ZEEBE_GRPC_ADDRESS || undefined;
  const restAddress = env.ZEEBE_REST_ADDRESS || undefined;
  if (!grpcAddress && !restAddress) return undefined;
  if (!grpcAddress || !restAddress) {
    throw new ConfigError(
      'set both ZEEBE_GRPC_ADDRESS (workers) and ZEEBE_REST_ADDRESS (deployments, user tasks) ' +
        'to use a Camunda 8 cluster, or neither to run the embedded engine',
    );
  }
  if (!/^grpcs?:\/\//.test(grpcAddress)) {
    throw new ConfigError(
      `ZEEBE_GRPC_ADDRESS must start with grpc:// or grpcs://, got "${grpcAddress}"`,
    );
  }
  return { grpcAddress, restAddress, embedded: false };
}

/**
 * The one place the system's `Camunda8` client is built; the server and the workers share it.
 * Against an external cluster the SDK reads every other setting from the process
 * environment itself, typed as it documents them (authentication with
 * `CAMUNDA_AUTH_STRATEGY` = NONE, OAUTH, BASIC, … and its variables; worker tuning); against
 * the embedded engine there is no authentication. The SDK's own logging defaults to errors
 * and warnings (`CAMUNDA_LOG_LEVEL`, `ZEEBE_CLIENT_LOG_LEVEL` change it).
 */
export function createCamundaClient(
  target: CamundaTarget,
  env: NodeJS.ProcessEnv = process.env,
): Camunda8 {
  const zeebeLogLevel = env.ZEEBE_CLIENT_LOG_LEVEL || 'ERROR';
  return new Camunda8({
    CAMUNDA_LOG_LEVEL: env.CAMUNDA_LOG_LEVEL || 'warn',
    ZEEBE_CLIENT_LOG_LEVEL: zeebeLogLevel,
    ...(target.embedded ? { CAMUNDA_AUTH_STRATEGY: 'NONE' } : {}),
    ZEEBE_GRPC_ADDRESS: target.grpcAddress,
    ZEEBE_REST_ADDRESS: target.restAddress,
    // The SDK reads its gRPC client settings from this sub-object only.
    zeebeGrpcSettings: { ZEEBE_CLIENT_LOG_LEVEL: zeebeLogLevel },
  } as ConstructorParameters<typeof Camunda8>[0]);
}
