import type { Knex } from 'knex';
import { isOneOf, SATISFACTIONS, type Satisfaction } from '../../domain/demand';
import {
  createEngineCall,
  EngineRefusal,
  engineUnavailable,
  type CamundaRestClient,
} from '../camunda';
import { HttpProblem, PROBLEM_TYPES, invalidInput, type FieldError } from '../http';
import type { PublicLookup } from './public-lookup';

export interface CitizenFeedback {
  phoneLast4: string;
  satisfaction: Satisfaction;
  comment: string;
}

export const MAX_COMMENT_CHARACTERS = 1000;

export function parsePhoneLast4(value: unknown, errors: FieldError[]): string {
  if (typeof value !== 'string' || !/^\d{4}$/.test(value)) {
    errors.push({ field: 'phoneLast4', message: 'The last four digits of your phone number.' });
    return '';
  }
  return value;
}

export function parseFeedback(body: unknown): CitizenFeedback {
  const errors: FieldError[] = [];
  const input = (
    typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {}
  ) as Record<string, unknown>;
  const phoneLast4 = parsePhoneLast4(input.phoneLast4, errors);
  if (!isOneOf(SATISFACTIONS, input.satisfaction)) {
    errors.push({ field: 'satisfaction', message: `One of ${SATISFACTIONS.join(', ')}.` });
  }
  let comment = '';
  if (input.comment !== undefined && input.comment !== null) {
    if (typeof input.comment !== 'string') {
      errors.push({ field: 'comment', message: 'Must be a string.' });
    } else if (Array.from(input.comment.trim()).length > MAX_COMMENT_CHARACTERS) {
      errors.push({ field: 'comment', message: `At most ${MAX_COMMENT_CHARACTERS} characters.` });
    } else {
      comment = input.comment.trim();
    }
  }
  if (errors.length > 0) throw invalidInput(errors);
  return { phoneLast4, satisfaction: input.satisfaction as Satisfaction, comment };
}

export interface FeedbackOptions {
  knex: Knex;
  lookup: PublicLookup;
  /** Absent: feedback is refused with 503 (no engine configured). */
  camunda: CamundaRestClient | undefined;
  /** How long to wait for the engine before answering 503. Default 10000 ms. */
  correlateTimeoutMs?: number;
}

function notAwaitingFeedback(): HttpProblem {
  return new HttpProblem({
    status: 409,
    type: PROBLEM_TYPES.conflict,
    title: 'Not awaiting feedback',
    detail: 'This demand is not waiting for your feedback now.',
  });
}

/**
 * The citizen's verdict on the result, as the `citizen-feedback` message the process waits for
 * (processes/README.md), correlated by the demand's code.
 *
 * Correlated, not published: the instance waits for the message only between the request for
 * verification and the return visit, and a published message with a time to live would be
 * caught by a later round. The engine's 404 (nobody waits) is a 409 here.
 *
 * Recorded once per verification: under the demand's row lock, the history entry
 * `citizen_feedback` is keyed by the entry before it, so a second submission — concurrent, or
 * after the first was accepted — is refused with 409. The entry is committed only once the
 * engine accepted the message; should that commit fail after the engine took it, the process
 * still records the verdict (`demand-record-verification`) and a retry answers 409.
 */
export function createFeedbackService(options: FeedbackOptions) {
  const call = createEngineCall(options.correlateTimeoutMs ?? 10_000);

  return async function giveFeedback(code: string, feedback: CitizenFeedback): Promise<void> {
    await options.knex.transaction(async (trx) => {
      const demand = await options.lookup(code, feedback.phoneLast4, { db: trx, forUpdate: true });
      const last = await trx('demand_history')
        .where({ demand_id: demand.id })
        .orderBy('id', 'desc')
        .first<{ id: string; action: string } | undefined>('id', 'action');
      if (demand.status !== 'awaiting_verification' || last?.action === 'citizen_feedback') {
        throw notAwaitingFeedback();
      }
      await trx('demand_history').insert({
        demand_id: demand.id,
        actor: 'citizen',
        action: 'citizen_feedback',
        detail: { satisfaction: feedback.satisfaction, verificationMethod: 'citizen_web' },
        dedupe_key: `citizen-feedback:${demand.id}:${last?.id ?? 0}`,
      });

      if (!options.camunda) throw engineUnavailable();
      const client = options.camunda.getOrchestrationClusterApiClientLoose();
      try {
        await call(() =>
          client.correlateMessage({
            name: 'citizen-feedback',
            correlationKey: demand.code,
            variables: {
              satisfaction: feedback.satisfaction,
              feedbackComment: feedback.comment,
              verificationMethod: 'citizen_web',
            },
          }),
        );
      } catch (error) {
        if (error instanceof EngineRefusal) throw notAwaitingFeedback();
        throw error;
      }
    });
  };
}
