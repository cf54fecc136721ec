import type { RejectionType, ValueType } from '../protocol/records';

/** A command submitted to the engine by a client (gateway) or by the engine's scheduler. */
export interface Command<V = unknown> {
  valueType: ValueType;
  intent: string;
  /** The key the command is about ('-1' when it creates something new). */
  key: string;
  value: V;
}

export type CommandResult<R = unknown> =
  | { ok: true; key: string; value: R }
  | {
      ok: false;
      rejectionType: RejectionType | 'RESOURCE_EXHAUSTED' | 'DEADLINE_EXCEEDED';
      reason: string;
    };

export class RejectionError extends Error {
  constructor(
    readonly rejectionType: RejectionType,
    message: string,
  ) {
    super(message);
  }
}
