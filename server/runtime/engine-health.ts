import type { PartHealth } from '../health';

/** The part of the SDK's REST client that the engine check uses. */
export interface TopologyApi {
  getTopology(): Promise<{
    gatewayVersion: string;
    brokers: ReadonlyArray<{ partitions: ReadonlyArray<{ health?: string }> }>;
  }>;
}

/**
 * The engine is up when its gateway answers the topology request (REST `GET /v2/topology`,
 * the same for the embedded engine and a cluster) and every partition it reports is healthy.
 */
export function engineHealthProbe(api: TopologyApi, embedded: boolean) {
  return async (): Promise<PartHealth> => {
    const topology = await api.getTopology();
    const partitions = topology.brokers.flatMap((broker) => broker.partitions);
    const unhealthy = partitions.filter(
      (p) => p.health !== undefined && p.health.toUpperCase() !== 'HEALTHY',
    );
    return {
      status: topology.brokers.length > 0 && unhealthy.length === 0 ? 'ok' : 'down',
      version: topology.gatewayVersion,
      embedded,
      brokers: topology.brokers.length,
      ...(unhealthy.length > 0 ? { unhealthyPartitions: unhealthy.length } : {}),
    };
  };
}
