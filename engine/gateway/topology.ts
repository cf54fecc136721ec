/**
 * What the engine reports as its cluster: one broker with one partition (it is one
 * processing loop, like one Zeebe partition), which it leads. Both gateways describe it.
 */
export const ENGINE_VERSION = '8.8.0';

export interface Topology {
  brokers: Array<{
    nodeId: number;
    host: string;
    port: number;
    partitions: Array<{ partitionId: number; role: 'LEADER'; health: 'HEALTHY' }>;
    version: string;
  }>;
  clusterSize: number;
  partitionsCount: number;
  replicationFactor: number;
  gatewayVersion: string;
}

export function engineTopology(host: string, port: number): Topology {
  return {
    brokers: [
      {
        nodeId: 0,
        host,
        port,
        partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
        version: ENGINE_VERSION,
      },
    ],
    clusterSize: 1,
    partitionsCount: 1,
    replicationFactor: 1,
    gatewayVersion: ENGINE_VERSION,
  };
}
