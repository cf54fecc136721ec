import { Router, type Request, type Response } from 'express';
import type { Knex } from 'knex';
import type { FieldCipher } from '../../domain/pii';
import { staffOf, type StaffGuards } from '../auth';
import { loadViewer, single } from '../demands';
import { HttpProblem, invalidInput, route, type FieldError } from '../http';
import { LEDGER_TIERS, resolveLedgerUnit, type LedgerTier } from './ledger-access';
import { ledgerEntry, ledgerSearchText } from './ledger-columns';
import { foldersOf, ledgerJson, ledgerWorkbook } from './ledger-document';
import { ledgerPaging, matchesWords, pageOf } from './ledger-paging';
import { ledgerRows, monthInterval, type LedgerRow } from './ledger-rows';

export interface LedgerRoutesOptions {
  knex: Knex;
  cipher: FieldCipher;
  guards: StaffGuards;
  clock: () => Date;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * `GET /ledgers/{district|township|village}?unit=&month=` (JSON, optionally one page of it
 * with `page`, `pageSize` and `q`) and the same path with `.xlsx` (the workbook, always
 * whole). Every export is written to the audit log: who took which ledger.
 */
export function ledgerRouter(options: LedgerRoutesOptions): Router {
  const { knex, cipher, guards, clock } = options;
  const router = Router();

  const read = async (req: Request, res: Response) => {
    const match = /^(district|township|village)(\.xlsx)?$/.exec(String(req.params.ledger));
    if (!match) {
      throw new HttpProblem({
        status: 404,
        detail: `Ledgers are kept per ${LEDGER_TIERS.join(', ')} (add .xlsx for Excel).`,
      });
    }
    const tier = match[1] as LedgerTier;
    const excel = match[2] !== undefined;
    const errors: FieldError[] = [];
    const query = req.query as Record<string, unknown>;
    const unitParam = single(query, 'unit', errors);
    const month = single(query, 'month', errors) ?? null;
    const interval = month === null ? null : monthInterval(month);
    if (month !== null && !interval)
      errors.push({ field: 'month', message: 'A month such as 2026-03.' });
    // The workbook is the whole ledger: paging and the text filter are the page's.
    const paging = excel ? null : ledgerPaging((name) => single(query, name, errors), errors);
    if (errors.length > 0) throw invalidInput(errors);

    const user = staffOf(res);
    const viewer = await loadViewer(knex, user);
    const unit = await resolveLedgerUnit(knex, viewer, tier, unitParam);
    const rows = await ledgerRows(knex, viewer, unit, interval ?? null);
    const context = { viewer, cipher };
    const entriesOf = (some: LedgerRow[]) => some.map((row) => ledgerEntry(context, tier, row));
    if (paging) {
      const matching =
        paging.words.length === 0
          ? rows
          : rows.filter((row) => matchesWords(ledgerSearchText(context, row), paging.words));
      // A township's folders stay whole (filtered); a flat ledger builds only the page shown.
      if (tier === 'township') {
        const entries = entriesOf(matching);
        res.json(ledgerJson(unit, month, entries, foldersOf(matching, entries)));
        return;
      }
      const { page, pageSize } = paging;
      const shown = {
        total: matching.length,
        page: pageSize === null ? undefined : { page, pageSize },
      };
      res.json(ledgerJson(unit, month, entriesOf(pageOf(matching, paging)), null, shown));
      return;
    }
    const entries = entriesOf(rows);
    const folders = tier === 'township' ? foldersOf(rows, entries) : null;
    const workbook = await ledgerWorkbook(unit, month, entries, folders, clock());
    // A GET is not audited by the middleware; taking a ledger out of the system is.
    await knex('audit_log').insert({
      user_id: user.id,
      action: 'ledger.export',
      entity_type: 'ledger',
      entity_id: `${tier}:${unit.code}`,
      request_id: res.locals.requestId,
      ip: req.ip ?? null,
      details: { method: 'GET', format: 'xlsx', month, rows: entries.length, outcome: 'succeeded' },
    });
    const file = `ledger-${tier}-${unit.code}${month ? `-${month}` : ''}.xlsx`;
    res
      .status(200)
      .type(XLSX)
      .set('Content-Disposition', `attachment; filename="${file}"`)
      .send(workbook);
  };

  route(router, '/ledgers/:ledger', { get: [guards.requireStaff, read] });
  return router;
}
