import { rateLimit } from 'express-rate-limit';
import { PROBLEM_TYPES, sendProblem } from '../http';

export interface PublicRateLimitOptions {
  windowMs: number;
  writeLimit: number;
  readLimit: number;
}

function limiter(windowMs: number, limit: number, what: string) {
  return rateLimit({
    windowMs,
    limit,
    // draft-7 headers make the library set Retry-After on the 429 before our handler runs.
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res) => {
      sendProblem(res, {
        status: 429,
        type: PROBLEM_TYPES.rateLimited,
        title: 'Too many requests',
        detail: `Too many ${what} from this address; try again later.`,
      });
    },
  });
}

/**
 * Per-address limits on the public endpoints: one budget for submissions and feedback, a
 * larger one for lookups (which also stops guessing a code's phone digits). Counted in this
 * process's memory; with several server processes each keeps its own count.
 */
export function createPublicRateLimits(options: PublicRateLimitOptions) {
  return {
    writes: limiter(options.windowMs, options.writeLimit, 'submissions'),
    reads: limiter(options.windowMs, options.readLimit, 'lookups'),
  };
}
