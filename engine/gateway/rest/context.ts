import type { History } from '../../export/history';
import type { SearchStore } from '../../export/search-store';
import type { ClockControl } from '../../service/clock-control';
import type { EngineService } from '../../service/engine-service';
import type { EngineStats } from '../../service/engine-stats';

/** What the REST routers work with: the engine's services, never its internals. */
export interface RestContext {
  service: EngineService;
  clock: ClockControl;
  /** The address the engine reports in its topology. */
  host: string;
  grpcPort: () => number;
  /** The exporter's search tables (eventually consistent, like Camunda's secondary storage). */
  search: SearchStore;
  /** Per-instance audit history from the log. */
  history: History;
  /** Memory, queue and index sizes (`GET /engine/v1/stats`). */
  stats: (options: { gc?: boolean }) => EngineStats;
}
