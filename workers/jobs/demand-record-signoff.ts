import { JobInputError, optionalText } from '../job-errors';
import { answer, completed, once, thrown } from '../job-outcome';
import { defineJob } from '../job-types';
import { clockOf, reopenClock } from '../support/clock-store';
import { actorName, lockDemand, requiredActorUserId, updateDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { notify, recipient } from '../support/outbox';

interface Variables {
  demandCode: string;
  actor?: string;
  signoffApproved?: boolean;
  signoffStatement?: string | null;
  signoffRound?: number;
  handlerGroup?: string;
}

/** The header `party` and the party as `sign_offs` names it. */
const PARTIES: Record<string, string> = {
  citizen: 'citizen',
  handler: 'handler',
  supervisor: 'supervising_leader',
  principal: 'principal_leader',
};

/**
 * Four-party sign-off, one signature per party and round. The citizen's confirmation is entered
 * by the handler for them (the citizen has no account); the other three sign as themselves.
 * A refusal is recorded, sends the demand back to handling, and throws `SIGNOFF_REJECTED` with
 * `signoffStatement`.
 */
export const demandRecordSignoff = defineJob<Variables, { party: string }>({
  type: 'demand-record-signoff',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const party = PARTIES[job.customHeaders.party];
        if (!party)
          throw new JobInputError(`header party is ${JSON.stringify(job.customHeaders.party)}`);
        if (typeof v.signoffApproved !== 'boolean')
          throw new JobInputError('signoffApproved is missing');
        const round = typeof v.signoffRound === 'number' ? v.signoffRound : 1;
        const demand = await lockDemand(trx, v.demandCode);
        const approved = v.signoffApproved;
        const statement = optionalText(v.signoffStatement) ?? (approved ? '同意' : '不同意');
        const citizen = party === 'citizen';
        const signer = citizen
          ? null
          : await requiredActorUserId(trx, v.actor, `the ${party} sign-off`);
        await trx('sign_offs').insert({
          demand_id: demand.id,
          party,
          round,
          signer_user_id: signer,
          signer_name_masked: citizen ? demand.citizen_name_masked : null,
          statement,
          approved,
          signed_at: now,
          dedupe_key: `${demand.code}:${party}:${round}`,
        });
        await addHistory(trx, demand, {
          at: now,
          actor: actorName(v.actor),
          action: approved ? 'signoff.signed' : 'signoff.rejected',
          detail: { party, round, statement },
          dedupeKey: `${job.elementInstanceKey}:signoff`,
        });
        // The four parties fill in the same form fields one after another: cleared once
        // recorded, so the next signer starts from an empty form, not the last one's answer.
        if (approved) return completed({ signoffApproved: null, signoffStatement: null });

        await updateDemand(trx, demand, { status: 'handling' }, now);
        await reopenClock(trx, await clockOf(trx, demand, 'resolution'));
        if (v.handlerGroup) {
          await notify(trx, job.elementInstanceKey, {
            template: 'signoff_rejected',
            to: recipient.group(v.handlerGroup),
            payload: { demandCode: demand.code, party, round, statement },
          });
        }
        return thrown('SIGNOFF_REJECTED', `${party} refused the sign-off`, {
          signoffStatement: statement,
        });
      }),
    ),
});
