import type { LoggedRecord } from '../../protocol/records';
import type { EngineState } from '../engine-state';

/** Applies one event to the state. Appliers are the only code that changes the state. */
export type Applier = (state: EngineState, record: LoggedRecord) => void;
