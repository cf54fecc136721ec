import type { ClockControl } from '../../service/clock-control';
import type { EngineService } from '../../service/engine-service';

/** What the REST routers work with: the engine's services, never its internals. */
export interface RestContext {
  service: EngineService;
  clock: ClockControl;
  /** The address the engine reports in its topology. */
  host: string;
  grpcPort: () => number;
}
