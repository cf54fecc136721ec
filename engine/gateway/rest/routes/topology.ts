import { Router } from 'express';
import { engineTopology } from '../../topology';
import type { RestContext } from '../context';

/**
 * `GET /v2/topology`. The REST API spells partition roles and health in lower case
 * (`leader`, `healthy`) where gRPC uses the enum names, and adds `lastCompletedChangeId`
 * (8.8); a cluster that never changed reports none ('-1').
 */
export function topologyRouter(context: RestContext): Router {
  const router = Router();
  router.get('/topology', (_req, res) => {
    const topology = engineTopology(context.host, context.grpcPort());
    res.json({
      ...topology,
      brokers: topology.brokers.map((broker) => ({
        ...broker,
        partitions: broker.partitions.map((p) => ({
          partitionId: p.partitionId,
          role: p.role.toLowerCase(),
          health: p.health.toLowerCase(),
        })),
      })),
      lastCompletedChangeId: '-1',
    });
  });
  return router;
}
