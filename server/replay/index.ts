export { replayRouter, type ReplayRoutesOptions } from './replay-routes';
export { createReplay, type Replay, type ReplayOptions } from './replay-service';
export type { ProcessHistory, ReplayInstance, ReplayStep } from './replay-model';
