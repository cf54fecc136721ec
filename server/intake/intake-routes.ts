import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { channelOf, requireChannelKey } from '../channels';
import { auditAs, jsonBody, noteAudit, route } from '../http';
import { parseIntakeInput } from './intake-input';
import type { IntakeService } from './intake-service';

export interface IntakeRoutesOptions {
  knex: Knex;
  intake: IntakeService;
  clock: () => Date;
  jsonBodyLimit: string;
  submittedAtSkewMs: number;
}

/** `POST /api/demands`: a channel delivers a demand (API.md "Channels: intake"). */
export function intakeRouter(options: IntakeRoutesOptions): Router {
  const router = Router();

  const deliver = async (req: Request, res: Response) => {
    const caller = channelOf(res);
    const input = parseIntakeInput(req.body, {
      channel: caller.channel,
      now: options.clock(),
      submittedAtSkewMs: options.submittedAtSkewMs,
      phoneRequired: false,
    });
    const result = await options.intake.submit(input, {
      channel: caller.channel,
      keyId: caller.keyId,
      districtCode: caller.districtCode,
    });
    noteAudit(res, {
      entityType: 'demand',
      entityId: result.answer.code,
      details: { repeated: !result.created, divertedTo: result.answer.divertedTo },
    });
    res.status(result.created ? 201 : 200).json(result.answer);
  };

  route(router, '/demands', {
    post: [
      auditAs('demand.intake', 'demand'),
      requireChannelKey(options.knex),
      ...jsonBody(options.jsonBodyLimit),
      deliver,
    ],
  });
  return router;
}
