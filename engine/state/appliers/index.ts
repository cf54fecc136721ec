import type { LoggedRecord } from '../../protocol/records';
import type { EngineState } from '../engine-state';
import type { Applier } from './applier';
import { clockAppliers } from './clock';
import { decisionAppliers } from './decision';
import { deploymentAppliers } from './deployment';
import { jobAppliers } from './job';
import { processEventAppliers, processInstanceAppliers } from './process-instance';
import { incidentAppliers, variableAppliers } from './variable-incident';
import { timerAppliers } from './timer';
import { userTaskAppliers } from './user-task';
import { messageAppliers } from './message';
import { migrationAppliers } from './migration';
export type { SignalSubscriptionValue } from './signal';
import { signalAppliers } from './signal';
import { compensationAppliers } from './compensation';

export type { ClockRecordValue } from './clock';
export type { JobBatchValue, JobRecordValue } from './job';
export { NO_CATCH_EVENT_FOUND } from './job';
export type { TimerRecordValue } from './timer';
export type {
  MessageRecordValue,
  StartEventCorrelationValue,
  SubscriptionRecordValue,
} from './message';
export type { VariableRecordValue } from './variable-incident';

/** CreateProcessInstanceWithResult: the result is written when the instance completes. */
const creationCreated: Applier = (state, record) => {
  const value = record.value as { awaitResult?: boolean; fetchVariables?: string[] };
  if (value.awaitResult)
    state.awaitingResults.set(record.key, { fetchVariables: value.fetchVariables ?? [] });
};

const APPLIERS: Record<string, Applier> = {
  ...timerAppliers,
  ...messageAppliers,
  ...signalAppliers,
  'PROCESS_INSTANCE_CREATION:CREATED': creationCreated,
  ...deploymentAppliers,
  ...processInstanceAppliers,
  ...processEventAppliers,
  ...jobAppliers,
  ...variableAppliers,
  ...incidentAppliers,
  ...clockAppliers,
  ...decisionAppliers,
  ...userTaskAppliers,
  ...migrationAppliers,
  ...compensationAppliers,
};

/**
 * Applies an event to the state: during processing right after it is written, and during
 * recovery for every event after the snapshot. Events without an applier change no state.
 */
export function applyEvent(state: EngineState, record: LoggedRecord): void {
  state.keys.observe(record.key);
  APPLIERS[`${record.valueType}:${record.intent}`]?.(state, record);
}
