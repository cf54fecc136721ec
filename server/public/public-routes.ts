import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import { auditAs, invalidInput, jsonBody, noteAudit, route, type FieldError } from '../http';
import { parseIntakeInput, type IntakeService } from '../intake';
import { parseFeedback, parsePhoneLast4 } from './public-feedback';
import type { createPublicCsrf } from './public-csrf';
import { publicView, type PublicLookup } from './public-lookup';
import type { createPublicRateLimits } from './rate-limits';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export interface PublicRoutesOptions {
  knex: Knex;
  intake: IntakeService;
  lookup: PublicLookup;
  giveFeedback: (code: string, feedback: ReturnType<typeof parseFeedback>) => Promise<void>;
  csrf: ReturnType<typeof createPublicCsrf>;
  limits: ReturnType<typeof createPublicRateLimits>;
  clock: () => Date;
  jsonBodyLimit: string;
  submittedAtSkewMs: number;
}

/**
 * The citizens' endpoints under `/api/public` (no login): submit a demand as the `citizen_web`
 * channel, look it up with its code and the phone's last four digits, give feedback on the
 * result. Writes need the visitor's CSRF token; everything is rate-limited per address.
 */
export function publicRouter(options: PublicRoutesOptions): Router {
  const router = Router();
  const jsonBodies = jsonBody(options.jsonBodyLimit);

  const submit = async (req: Request, res: Response) => {
    // The page has no ticket ids of its own, and replaying another visitor's answer by
    // guessing one must not be possible: ticket ids are ignored, as are the citizen's own
    // time (it is now) and the petition flag (a channel of letters and receptions only).
    const {
      externalId: _id,
      submittedAt: _at,
      petition: _petition,
      ...body
    } = isObject(req.body) ? req.body : ({} as Record<string, unknown>);
    const input = parseIntakeInput(isObject(req.body) ? body : req.body, {
      channel: 'citizen_web',
      now: options.clock(),
      submittedAtSkewMs: options.submittedAtSkewMs,
      phoneRequired: true,
    });
    const result = await options.intake.submit(input, {
      channel: 'citizen_web',
      keyId: null,
      districtCode: null,
    });
    noteAudit(res, {
      entityId: result.answer.code,
      details: { channel: 'citizen_web', divertedTo: result.answer.divertedTo },
    });
    res.status(201).json(result.answer);
  };

  const lookup = async (req: Request, res: Response) => {
    const errors: FieldError[] = [];
    const phoneLast4 = parsePhoneLast4(req.query.phoneLast4, errors);
    if (errors.length > 0) throw invalidInput(errors);
    const demand = await options.lookup(String(req.params.code), phoneLast4);
    res.set('Cache-Control', 'no-store');
    res.json(await publicView(options.knex, demand));
  };

  const feedback = async (req: Request, res: Response) => {
    const code = String(req.params.code);
    noteAudit(res, { entityId: code });
    await options.giveFeedback(code, parseFeedback(req.body));
    res.status(204).end();
  };

  route(router, '/csrf', { get: options.csrf.issue });
  route(router, '/demands', {
    post: [
      auditAs('demand.intake', 'demand'),
      options.limits.writes,
      options.csrf.require,
      ...jsonBodies,
      submit,
    ],
  });
  route(router, '/demands/:code', { get: [options.limits.reads, lookup] });
  route(router, '/demands/:code/feedback', {
    post: [
      auditAs('demand.citizen_feedback', 'demand'),
      options.limits.writes,
      options.csrf.require,
      ...jsonBodies,
      feedback,
    ],
  });
  return router;
}
