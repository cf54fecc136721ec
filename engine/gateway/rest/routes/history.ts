import { Router } from 'express';
import type { RestContext } from '../context';
import { problem, sendProblem } from '../problem';
import { keyParam } from './search-route';

/**
 * `GET /engine/v1/process-instances/{key}/records` (the engine's own API, not Camunda's): the
 * instance's records and its call-activity children's, in log order, for audit and replay,
 * with `chain.verified` telling whether the hash chain over their span is intact.
 */
export function historyRouter(context: RestContext): Router {
  const router = Router();
  router.get('/process-instances/:processInstanceKey/records', async (req, res) => {
    const key = keyParam(req, res, 'processInstanceKey');
    if (key === undefined) return;
    const history = await context.history.ofProcessInstance(key);
    if (!history) {
      return sendProblem(
        res,
        problem(404, 'NOT_FOUND', `Process instance with key '${key}' not found`, req.originalUrl),
      );
    }
    res.json({
      items: history.records.map((r) => ({
        position: r.position,
        key: r.key,
        recordType: r.recordType,
        valueType: r.valueType,
        intent: r.intent,
        timestamp: r.timestamp,
        sourceRecordPosition: r.sourceRecordPosition,
        processInstanceKey: r.processInstanceKey,
        ...(r.rejectionType ? { rejectionType: r.rejectionType } : {}),
        ...(r.rejectionReason ? { rejectionReason: r.rejectionReason } : {}),
        value: r.value,
        hash: r.hash,
      })),
      chain: history.chain,
    });
  });
  return router;
}
