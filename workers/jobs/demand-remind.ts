import { requiredText } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { lockDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { notify, recipient } from '../support/outbox';
import { instantOf } from '../support/time';

interface Variables {
  demandCode: string;
  resolutionDue: string;
  handlerGroup: string;
}

/** Step 9, daily after the deadline (催办): each firing of the cycle reminds the handlers once. */
export const demandRemind = defineJob<Variables>({
  type: 'demand-remind',
  handle: async (job, { knex, now, calendar }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const demand = await lockDemand(trx, v.demandCode);
        const resolutionDue = requiredText(v.resolutionDue, 'resolutionDue');
        const overdueWorkingDays = calendar.countWorkingDaysBetween(
          instantOf(resolutionDue, 'resolutionDue'),
          now,
        );
        await addHistory(trx, demand, {
          at: now,
          actor: 'system',
          action: 'deadline.reminded',
          detail: { resolutionDue, overdueWorkingDays },
          dedupeKey: `${job.elementInstanceKey}:reminded`,
        });
        await notify(trx, job.elementInstanceKey, {
          template: 'deadline_reminder',
          to: recipient.group(requiredText(v.handlerGroup, 'handlerGroup')),
          payload: {
            demandCode: demand.code,
            resolutionDue,
            overdueWorkingDays,
            leadUnitCode: demand.responsible_unit_code,
          },
        });
        return completed();
      }),
    ),
});
