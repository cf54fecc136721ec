import { raiseRedWarning } from '../rankings';
import { answer, completed, once } from '../job-outcome';
import { JobInputError, optionalText, requiredText } from '../job-errors';
import { defineJob } from '../job-types';
import { reopenDemand } from '../spot-checks/reopen';
import { actorName, lockDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { notify, recipient } from '../support/outbox';

const RESULTS = ['confirmed', 'contradicted', 'unreachable'] as const;
const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'];

interface Variables {
  spotCheckId: string;
  demandCode: string;
  spotCheckPeriod: string;
  visitResult: string;
  satisfaction?: string | null;
  visitNote?: string | null;
  actor?: string;
}

/**
 * 记录抽查结果: stores the visit in its `spot_checks` row and the demand's history. When the
 * citizen contradicts the closure (`contradicted`, 虚假办结) the demand is reopened with a new
 * process instance, a red warning (红灯) is raised for the unit that closed it and the unit is
 * told.
 */
export const spotCheckRecord = defineJob<Variables>({
  type: 'spot-check-record',
  handle: async (job, { knex, now }) => {
    const v = job.variables;
    const result = requiredText(v.visitResult, 'visitResult');
    if (!(RESULTS as readonly string[]).includes(result)) {
      throw new JobInputError(`visitResult ${JSON.stringify(result)} is not one of ${RESULTS}`);
    }
    const satisfaction = optionalText(v.satisfaction);
    if (satisfaction !== null && !SATISFACTIONS.includes(satisfaction)) {
      throw new JobInputError(`satisfaction ${JSON.stringify(satisfaction)} is not known`);
    }
    const spotCheckId = requiredText(String(v.spotCheckId ?? ''), 'spotCheckId');
    const actor = actorName(v.actor);
    return answer(
      job,
      await once(knex, job, async (trx) => {
        const demand = await lockDemand(trx, v.demandCode);
        const check = await trx('spot_checks')
          .where({ id: spotCheckId, demand_id: demand.id })
          .forUpdate()
          .first<{ unit_code: string; period: string } | undefined>('unit_code', 'period');
        if (!check) throw new JobInputError(`no spot check ${spotCheckId} of ${demand.code}`);
        const contradicted = result === 'contradicted';
        const reopened = contradicted && (await reopenDemand(trx, demand, now));
        await trx('spot_checks')
          .where({ id: spotCheckId })
          .update({
            visited_at: now,
            result,
            satisfaction,
            note: optionalText(v.visitNote),
            reopened,
            visited_by: actor,
          });
        const key = job.elementInstanceKey;
        await addHistory(trx, demand, {
          at: now,
          actor,
          action: 'spot_check.recorded',
          detail: { period: check.period, result, satisfaction, reopened },
          dedupeKey: `${key}:spot_check.recorded`,
        });
        if (!contradicted) return completed({ spotCheckReopened: false });
        const reason = `抽查回访发现虚假办结：诉求 ${demand.code} 群众不认可办理结果`;
        const warningId = await raiseRedWarning(trx, check.unit_code, reason, now);
        if (reopened) {
          await addHistory(trx, demand, {
            at: now,
            actor,
            action: 'spot_check.reopened',
            detail: { period: check.period, unitCode: check.unit_code, warningId },
            dedupeKey: `${key}:spot_check.reopened`,
          });
        }
        await notify(trx, key, {
          template: 'spot_check_false_closure',
          to: recipient.unit(check.unit_code),
          payload: {
            demandCode: demand.code,
            period: check.period,
            level: 'red',
            reason,
            reopened,
          },
        });
        return completed({ spotCheckReopened: reopened });
      }),
    );
  },
});
