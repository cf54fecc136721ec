import { JobInputError } from '../job-errors';
import { answer, completed, once } from '../job-outcome';
import { defineJob } from '../job-types';
import { currentLedger } from '../support/current-ledger';
import { lockDemand } from '../support/demand-store';
import { addHistory } from '../support/history';
import { appendLedger } from '../support/ledger';
import { notify, recipient } from '../support/outbox';
import { instantOf } from '../support/time';

interface Variables {
  demandCode: string;
  resolutionDue?: string;
  escalateAt?: string;
  unsatisfiedCount?: number;
}

type Reason = 'overdue' | 'unsatisfied';

/**
 * Supervision orders (督办单) to the lead unit: a yellow order when the deadline has passed
 * (`reason=overdue`, keyed by the deadline, so one deadline is supervised once), a red listed
 * order when the citizen was unsatisfied again (`reason=unsatisfied`, keyed by the count).
 */
export const demandSupervise = defineJob<Variables, { reason: Reason }>({
  type: 'demand-supervise',
  handle: async (job, { knex, now }) =>
    answer(
      job,
      await once(knex, job, async (trx) => {
        const v = job.variables;
        const reason = job.customHeaders.reason;
        const demand = await lockDemand(trx, v.demandCode);
        const unit = demand.responsible_unit_code;
        if (!unit) throw new JobInputError(`demand ${demand.code} has no lead unit to supervise`);
        let order: {
          level: string;
          kind: string;
          text: string;
          dedupe: string;
          dueAt: Date | null;
        };
        if (reason === 'overdue') {
          const due = instantOf(v.resolutionDue, 'resolutionDue');
          const escalateAt = v.escalateAt ? instantOf(v.escalateAt, 'escalateAt') : null;
          order = {
            level: 'yellow',
            kind: 'supervision',
            text: '超过办理期限未办结',
            dedupe: `supervise:overdue:${demand.code}:${due.getTime()}`,
            dueAt: escalateAt && escalateAt >= now ? escalateAt : null,
          };
        } else if (reason === 'unsatisfied') {
          const count = v.unsatisfiedCount ?? demand.unsatisfied_count;
          order = {
            level: 'red',
            kind: 'listed_supervision',
            text: `群众${count}次不满意`,
            dedupe: `supervise:unsatisfied:${demand.code}:${count}`,
            dueAt: null,
          };
        } else throw new JobInputError(`header reason is ${JSON.stringify(reason)}`);

        const [{ count }] = (await trx('supervision_orders')
          .where({ demand_id: demand.id })
          .count('* as count')) as [{ count: string }];
        const code = `DB-${demand.code}-${Number(count) + 1}`;
        const inserted = await trx('supervision_orders')
          .insert({
            code,
            demand_id: demand.id,
            unit_code: unit,
            level: order.level,
            kind: order.kind,
            reason: order.text,
            issued_at: now,
            due_at: order.dueAt,
            dedupe_key: order.dedupe,
          })
          .onConflict('dedupe_key')
          .ignore()
          .returning('id');
        if (inserted.length === 1) {
          await appendLedger(trx, demand, {
            ...(await currentLedger(trx, demand)),
            type: 'supervised',
            at: now,
            payload: { orderCode: code, level: order.level, reason },
            dedupeKey: `${job.elementInstanceKey}:supervised`,
          });
          await addHistory(trx, demand, {
            at: now,
            actor: 'system',
            action: `supervised.${reason}`,
            detail: { orderCode: code, level: order.level, unitCode: unit },
            dedupeKey: `${job.elementInstanceKey}:supervised`,
          });
          await notify(trx, job.elementInstanceKey, {
            template: 'supervision_order',
            to: recipient.unit(unit),
            payload: {
              demandCode: demand.code,
              orderCode: code,
              level: order.level,
              kind: order.kind,
              reason,
              resolutionDue: v.resolutionDue ?? null,
            },
          });
        }
        return completed();
      }),
    ),
});
