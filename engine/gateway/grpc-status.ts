import { status as Status } from '@grpc/grpc-js';
import type { CommandResult } from '../processing/command';

type Rejection = Extract<CommandResult, { ok: false }>;

/** How Zeebe's gateway maps rejection types to gRPC status codes. */
const CODES: Record<Rejection['rejectionType'], Status> = {
  INVALID_ARGUMENT: Status.INVALID_ARGUMENT,
  NOT_FOUND: Status.NOT_FOUND,
  ALREADY_EXISTS: Status.ALREADY_EXISTS,
  INVALID_STATE: Status.FAILED_PRECONDITION,
  PROCESSING_ERROR: Status.INTERNAL,
  EXCEEDED_BATCH_RECORD_SIZE: Status.INVALID_ARGUMENT,
  UNAUTHORIZED: Status.UNAUTHENTICATED,
  FORBIDDEN: Status.PERMISSION_DENIED,
  RESOURCE_EXHAUSTED: Status.RESOURCE_EXHAUSTED,
  DEADLINE_EXCEEDED: Status.DEADLINE_EXCEEDED,
};

export interface GrpcError {
  code: Status;
  details: string;
}

export function toGrpcError(rejection: Rejection, commandName: string): GrpcError {
  const code = CODES[rejection.rejectionType];
  const details =
    rejection.rejectionType === 'RESOURCE_EXHAUSTED' ||
    rejection.rejectionType === 'DEADLINE_EXCEEDED'
      ? rejection.reason
      : `Command '${commandName}' rejected with code '${rejection.rejectionType}': ${rejection.reason}`;
  return { code, details };
}

export function invalidArgument(details: string): GrpcError {
  return { code: Status.INVALID_ARGUMENT, details };
}
