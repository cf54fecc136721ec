import { Router } from 'express';
import type { RestContext } from '../context';

/**
 * `GET /engine/v1/stats` (the engine's own API, not Camunda's): process memory and CPU time,
 * batches committed, commands waiting and the size of each in-memory index (see
 * service/engine-stats.ts). `?gc=true` collects garbage first when the engine runs with
 * `node --expose-gc`.
 */
export function statsRouter(context: RestContext): Router {
  const router = Router();
  router.get('/stats', (req, res) => {
    res.json(context.stats({ gc: req.query.gc === 'true' }));
  });
  return router;
}
