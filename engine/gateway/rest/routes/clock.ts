import { Router, type Request, type Response } from 'express';
import type { CommandResult } from '../../../processing/command';
import { invalidArgument, problem, sendProblem, sendRejection } from '../problem';
import type { RestContext } from '../context';

/**
 * `PUT /v2/clock` pins the engine clock at `{"timestamp": <epoch ms>}`; `POST /v2/clock/reset`
 * returns it to real time. Both answer 204. Validation and messages follow Camunda's
 * ClockValidator ("No timestamp provided.", "The value for timestamp is '-1' but must be not
 * negative.").
 */
export function clockRouter(context: RestContext): Router {
  const router = Router();

  router.put('/clock', async (req, res) => {
    if (!req.is('application/json')) return unsupportedMediaType(req, res);
    const timestamp = (req.body as { timestamp?: unknown } | undefined)?.timestamp;
    if (timestamp === undefined || timestamp === null) {
      return invalidArgument(req, res, 'No timestamp provided.');
    }
    if (typeof timestamp !== 'number' || !Number.isSafeInteger(timestamp)) {
      return invalidArgument(
        req,
        res,
        `The value for timestamp is '${String(timestamp)}' but must be an integer number of milliseconds since the epoch.`,
      );
    }
    if (timestamp < 0) {
      return invalidArgument(
        req,
        res,
        `The value for timestamp is '${timestamp}' but must be not negative.`,
      );
    }
    answer(req, res, await context.clock.pin(timestamp));
  });

  router.post('/clock/reset', async (req, res) => {
    answer(req, res, await context.clock.reset());
  });

  return router;
}

function answer(req: Request, res: Response, result: CommandResult<unknown>): void {
  if (!result.ok) return sendRejection(req, res, result);
  res.status(204).end();
}

function unsupportedMediaType(req: Request, res: Response): void {
  sendProblem(
    res,
    problem(
      415,
      'Unsupported Media Type',
      `Content-Type '${req.get('content-type') ?? ''}' is not supported. Supported: 'application/json'.`,
      req.originalUrl,
    ),
  );
}
