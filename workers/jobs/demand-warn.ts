import { requiredText } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { lockDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { notify, recipient } from '../support/outbox';

interface Variables {
  demandCode: string;
  warnAt: string;
  resolutionDue: string;
  handlerGroup: string;
}

/**
 * Step 9, warning timer: the handlers are told the deadline is near. Keyed by the demand and the
 * deadline, so re-entering handling (which re-arms the timer) warns about one deadline once.
 */
export const demandWarn = defineJob<Variables>({
  type: 'demand-warn',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const demand = await lockDemand(trx, v.demandCode);
        const resolutionDue = requiredText(v.resolutionDue, 'resolutionDue');
        const handlerGroup = requiredText(v.handlerGroup, 'handlerGroup');
        const first = await addHistory(trx, demand, {
          at: now,
          actor: 'system',
          action: 'deadline.warned',
          detail: { warnAt: v.warnAt ?? null, resolutionDue },
          dedupeKey: `warn:${demand.code}:${Date.parse(resolutionDue)}`,
        });
        if (first) {
          await notify(trx, job.elementInstanceKey, {
            template: 'deadline_warning',
            to: recipient.group(handlerGroup),
            payload: {
              demandCode: demand.code,
              resolutionDue,
              leadUnitCode: demand.responsible_unit_code,
            },
          });
        }
        return completed();
      }),
    ),
});
