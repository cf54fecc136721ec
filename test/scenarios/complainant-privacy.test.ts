/* eslint-disable @typescript-eslint/no-explicit-any -- the API answers untyped JSON */
/**
 * A complaint against a village committee: from the review on, the accused village's staff see
 * no trace of the complainant anywhere — list, detail, tasks, history, replay, ledger JSON and
 * workbook — while the township handling it sees the masked citizen as for any demand.
 */
import { citizen, feedback, resolve, submitDemand } from './support/life';
import { ledgerRows, workbookRows } from './support/happy-path';
import { GRID, TOWNSHIP, VILLAGE, useSystem, type Staff } from './support/system';

/** Every way a complainant could show: name, phone, ID number and their usual masks. */
function secretsOf(person: { name: string; phone: string; idNumber: string }) {
  const masks = {
    phone: `${person.phone.slice(0, 3)}****${person.phone.slice(-4)}`,
    surname: `${person.name[0]}*`,
  };
  const secrets = [person.name, person.phone, person.idNumber, masks.phone, masks.surname];
  const noSecrets = (what: string, body: unknown) => {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    for (const secret of secrets) {
      if (text.includes(secret)) {
        throw new Error(`${what} shows ${secret === person.name ? 'the name' : 'personal data'}`);
      }
    }
  };
  return { masks, noSecrets };
}

describe('complaint against a unit: the complainant is hidden from the accused unit', () => {
  const system = useSystem('2026-11-02T09:00:00+08:00');

  test('the accused village sees the complaint but never the complainant, to the archive', async () => {
    const person = citizen();
    const { masks, noSecrets } = secretsOf(person);
    const submitted = await submitDemand(
      system,
      `我叫${person.name}，身份证${person.idNumber}，电话${person.phone}。村委会在低保评定中优亲厚友，请调查`,
      { citizen: person },
    );
    const { code } = submitted;

    await system.act('village_staff', code, 'screen-first', {
      screeningOutcome: 'valid',
      category: 'complaint',
      domain: 'social_security',
    });
    await system.act('township_staff', code, 'screen-review', {
      reviewOutcome: 'reasonable',
      scope: 'village',
      category: 'complaint',
      domain: 'social_security',
      accusedUnitCode: VILLAGE.code,
    });

    // The accused village never leads: the township handles it; the discipline office watches.
    const handling = await system.demandWhen(
      code,
      'handling by the township',
      (d) => d.status === 'handling',
    );
    expect(handling.leadUnit.code).toBe(TOWNSHIP.code);
    const township = { role: 'township_staff' as const, unit: TOWNSHIP.code };
    await system.act('discipline_inspector', code, 'discipline-supervise', {
      disciplineFinding: 'reminded',
      disciplineNote: '已对村委会负责人提醒谈话',
    });
    await resolve(system, code, township);
    await feedback(
      system,
      submitted,
      'satisfied',
      `结果满意，有事请打${person.phone}找${person.name}`,
    );
    await system.act(
      'township_staff',
      code,
      'signoff-citizen',
      {
        signoffApproved: true,
        signoffStatement: `${person.name}确认已重新评定`,
      },
      TOWNSHIP.code,
    );
    await system.act(
      'township_staff',
      code,
      'signoff-handler',
      {
        signoffApproved: true,
        signoffStatement: '已重新评定低保',
      },
      TOWNSHIP.code,
    );
    await system.act('supervisor', code, 'signoff-supervisor', {
      signoffApproved: true,
      signoffStatement: '程序合规',
    });
    await system.act('principal_leader', code, 'signoff-principal', {
      signoffApproved: true,
      signoffStatement: '同意销号',
    });
    await system.status(code, 'archived');

    // The township (not accused) sees the masked citizen as usual: the data is there to hide.
    const townshipDetail = await system.demand(code, 'township_staff', TOWNSHIP.code);
    expect(townshipDetail.citizen).toEqual(
      expect.objectContaining({ phone: masks.phone, anonymous: false }),
    );
    const townshipLedger = ledgerRows(
      await system.ledger('township', TOWNSHIP.code, 'township_staff', TOWNSHIP.code),
    );
    expect(townshipLedger.find((r) => r.code === code)?.citizen).toEqual(
      expect.objectContaining({ phone: masks.phone }),
    );

    // The accused village: in scope, but nothing of the complainant.
    const accused: Staff = await system.as('village_staff', VILLAGE.code);

    const list = await accused.agent.get('/api/demands?pageSize=100');
    const item = list.body.items.find((d: any) => d.code === code);
    expect(item).toBeDefined();
    expect(item.citizen).toEqual({ withheld: true });
    noSecrets('list', list.body);

    const detail = await accused.agent.get(`/api/demands/${code}`);
    expect(detail.status).toBe(200);
    expect(detail.body.citizen).toEqual({ withheld: true });
    expect(detail.body.location.address).toBeNull();
    expect(detail.body.content).toContain('［已隐去］');
    expect(detail.body.history.length).toBeGreaterThan(5);
    noSecrets('detail', detail.body);

    expect((await accused.agent.get(`/api/demands/${code}/citizen`)).status).toBe(404);

    const done = await accused.agent.get('/api/tasks?state=completed&assigned=all&pageSize=100');
    const screened = done.body.items.filter((t: any) => t.demand?.code === code);
    expect(screened.map((t: any) => t.elementId)).toContain('screen-first');
    for (const task of screened) expect(task.demand.citizen).toEqual({ withheld: true });
    noSecrets('tasks', done.body);

    const replay = await accused.agent.get(`/api/demands/${code}/replay`);
    expect(replay.status).toBe(200);
    noSecrets('replay', replay.body);

    const ledger = await accused.agent.get(`/api/ledgers/village?unit=${VILLAGE.code}`);
    expect(ledger.status).toBe(200);
    for (const row of ledgerRows(ledger.body).filter((r) => r.code === code)) {
      expect(row.citizen).toEqual({ withheld: true });
    }
    noSecrets('ledger', ledger.body);
    const sheets = await system.xlsx('village', VILLAGE.code, 'village_staff', VILLAGE.code);
    for (const row of workbookRows(sheets).filter((r) => r['编号'] === code)) {
      expect(row['诉求人(脱敏)']).toBe('（不予显示）');
    }
    noSecrets('workbook', JSON.stringify(sheets));
  });

  test('a grid accused: its staff read the village ledger listing the complaint, without the complainant', async () => {
    const person = citizen();
    const { masks, noSecrets } = secretsOf(person);
    const { code } = await submitDemand(
      system,
      `我是${person.name}，电话${person.phone}。网格员上门登记时态度恶劣，请处理`,
      { citizen: person },
    );
    await system.act('village_staff', code, 'screen-first', {
      screeningOutcome: 'valid',
      category: 'complaint',
      domain: 'other',
    });
    await system.act('township_staff', code, 'screen-review', {
      reviewOutcome: 'reasonable',
      scope: 'village',
      category: 'complaint',
      domain: 'other',
      accusedUnitCode: GRID.code,
    });
    const handling = await system.demandWhen(code, 'handling', (d) => d.status === 'handling');
    expect(handling.leadUnit.code).not.toBe(GRID.code);

    // The village above the grid is not accused: it sees the masked complainant in its ledger.
    const villageRows = ledgerRows(
      await system.ledger('village', VILLAGE.code, 'village_staff', VILLAGE.code),
    );
    expect(villageRows.find((r) => r.code === code)?.citizen).toEqual(
      expect.objectContaining({ phone: masks.phone }),
    );

    // The grid's own staff read the same micro-ledger: the row is there, the complainant is not.
    const grid = await system.as('village_staff', GRID.code);
    const ledger = await grid.agent.get(`/api/ledgers/village?unit=${VILLAGE.code}`);
    expect(ledger.status).toBe(200);
    const row = ledgerRows(ledger.body).find((r) => r.code === code);
    expect(row).toBeDefined();
    expect(row.citizen).toEqual({ withheld: true });
    noSecrets('ledger', ledger.body);
    const sheets = await system.xlsx('village', VILLAGE.code, 'village_staff', GRID.code);
    const line = workbookRows(sheets).find((r) => r['编号'] === code);
    expect(line?.['诉求人(脱敏)']).toBe('（不予显示）');
    noSecrets('workbook', JSON.stringify(sheets));

    const list = await grid.agent.get('/api/demands?pageSize=100');
    expect(list.body.items.find((d: any) => d.code === code)?.citizen).toEqual({ withheld: true });
    noSecrets('list', list.body);
    const detail = await grid.agent.get(`/api/demands/${code}`);
    expect(detail.status).toBe(200);
    expect(detail.body.citizen).toEqual({ withheld: true });
    noSecrets('detail', detail.body);
  });
});
