/**
 * The shape of the engine's log, named as in Zeebe's protocol so that anyone who knows Zeebe
 * exporters can read it: every record has a position, a key, a record type, a value type and
 * an intent, a timestamp and a value.
 */

export type RecordType = 'COMMAND' | 'EVENT' | 'COMMAND_REJECTION';

export type ValueType =
  | 'DEPLOYMENT'
  | 'PROCESS'
  | 'PROCESS_INSTANCE'
  | 'PROCESS_INSTANCE_CREATION'
  | 'PROCESS_INSTANCE_MIGRATION'
  | 'PROCESS_INSTANCE_RESULT'
  | 'PROCESS_INSTANCE_MODIFICATION'
  | 'PROCESS_EVENT'
  | 'JOB'
  | 'JOB_BATCH'
  | 'VARIABLE'
  | 'VARIABLE_DOCUMENT'
  | 'INCIDENT'
  | 'ERROR'
  | 'TIMER'
  | 'MESSAGE'
  | 'MESSAGE_SUBSCRIPTION'
  | 'MESSAGE_CORRELATION'
  | 'PROCESS_MESSAGE_SUBSCRIPTION'
  | 'MESSAGE_START_EVENT_SUBSCRIPTION'
  | 'SIGNAL'
  | 'SIGNAL_SUBSCRIPTION'
  | 'COMPENSATION_SUBSCRIPTION'
  | 'USER_TASK'
  | 'DECISION'
  | 'DECISION_REQUIREMENTS'
  | 'DECISION_EVALUATION'
  | 'FORM'
  | 'ESCALATION'
  | 'CLOCK'
  | 'AD_HOC_SUB_PROCESS_INSTRUCTION';

/** Zeebe's rejection types, reported to clients as gRPC status codes / HTTP problems. */
export type RejectionType =
  | 'INVALID_ARGUMENT'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'INVALID_STATE'
  | 'PROCESSING_ERROR'
  | 'EXCEEDED_BATCH_RECORD_SIZE'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN';

/** A record before it is written: the log assigns position, timestamp and hash. */
export interface RecordDraft<V = unknown> {
  recordType: RecordType;
  valueType: ValueType;
  intent: string;
  /** Decimal string of the 64-bit key, or '-1' when the record has none (as in Zeebe). */
  key: string;
  /** Position of the command that caused this record ('-1' for client commands). */
  sourceRecordPosition: string;
  rejectionType?: RejectionType;
  rejectionReason?: string;
  /** The process instance this record belongs to, for per-instance history ('-1' if none). */
  processInstanceKey: string;
  value: V;
}

/** A record as stored: positions are dense and increasing; hashes chain each to the previous. */
export interface LoggedRecord<V = unknown> extends RecordDraft<V> {
  position: string;
  /** Milliseconds since the epoch on the engine clock (which tests may pin). */
  timestamp: number;
  /** Hex SHA-256 over the previous record's hash and this record's canonical content. */
  hash: string;
}
