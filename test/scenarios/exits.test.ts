/* eslint-disable @typescript-eslint/no-explicit-any -- the API answers untyped JSON */
/**
 * Demands that leave before handling: screened out with an explanation the citizen can read,
 * an emergency diverted at intake, and a matter sent to its legal channel.
 */
import { last4, submitDemand } from './support/life';
import { DISTRICT, useSystem } from './support/system';

describe('exits before handling: invalid, emergency, legal channel', () => {
  const system = useSystem('2026-11-02T09:30:00+08:00');

  test('screened out as false information: closed_invalid, the explanation shown to the citizen', async () => {
    const submitted = await submitDemand(system, '听说明天全区停水三天，请核实');
    const explanation = '经核实，近期没有停水安排，该消息不属实。';
    await system.act('village_staff', submitted.code, 'screen-first', {
      screeningOutcome: 'invalid_false_info',
      category: 'consultation',
      domain: 'utilities',
      screeningReasonCode: 'rumour',
      screeningExplanation: explanation,
    });

    const closed = await system.status(submitted.code, 'closed_invalid');
    expect(closed.screening).toEqual(
      expect.objectContaining({ outcome: 'invalid_false_info', reasonCode: 'rumour', explanation }),
    );
    expect(closed.archive).toBeNull();
    expect(await system.tasksOf('village_staff', submitted.code)).toEqual([]);

    const visitor = await system.visitor();
    const seen = await visitor.lookup(submitted.code, last4(submitted.citizen));
    expect(seen.status).toBe(200);
    expect(seen.body.status).toBe('closed_invalid');
    expect(seen.body.explanation).toBe(explanation);
    const told = await system.toldCitizen(submitted.code, 'demand_closed_explained');
    expect(told.recipient.address).toBe(submitted.citizen.phone);
    expect(told.text).toContain(explanation.replace(/。$/, ''));
    // Nothing waits for the citizen's feedback on a closed demand.
    const late = await visitor.feedback(submitted.code, {
      phoneLast4: last4(submitted.citizen),
      satisfaction: 'unsatisfied',
    });
    expect(late.status).toBe(409);
  });

  test('an emergency happening now is diverted at intake: divertedTo in the 201 answer, status diverted', async () => {
    const submitted = await submitDemand(system, '我家楼下的饭店着火了，浓烟很大，有人被困在二楼');
    expect(submitted.answer.divertedTo).toBe('119');
    expect(submitted.answer.message).toEqual(expect.any(String));

    const diverted = await system.status(submitted.code, 'diverted');
    expect(diverted.divertedTo).toBe('119');
    // Nobody screens it: no task was ever offered for it.
    expect(await system.tasksOf('village_staff', submitted.code)).toEqual([]);
    expect(await system.tasksOf('intake_clerk', submitted.code)).toEqual([]);

    const visitor = await system.visitor();
    const seen = await visitor.lookup(submitted.code, last4(submitted.citizen));
    expect(seen.body).toEqual(expect.objectContaining({ status: 'diverted', divertedTo: '119' }));
    const told = await system.toldCitizen(submitted.code, 'emergency_diverted');
    expect(told.text).toContain('119');
    // The fire service's centre is told too, without the caller's full number.
    const centre = await system.notified(submitted.code, 'emergency_centre_notice', 'emergency');
    expect(centre.recipient.address).toBe('119');
    expect(centre.text).not.toContain(submitted.citizen.phone);
  });

  test('a court matter is redirected to its legal channel: status diverted, the way explained', async () => {
    const submitted = await submitDemand(system, '邻居借钱不还，已经两年了，要求政府帮我要回来');
    const explanation = '民间借贷纠纷请向人民法院起诉，或申请人民调解。';
    await system.act('village_staff', submitted.code, 'screen-first', {
      screeningOutcome: 'divert_legal_channel',
      category: 'request',
      domain: 'neighbourhood',
      screeningReasonCode: 'court',
      screeningExplanation: explanation,
    });

    const diverted = await system.status(submitted.code, 'diverted');
    expect(diverted.divertedTo).toBeNull();
    expect(diverted.screening).toEqual(
      expect.objectContaining({
        outcome: 'divert_legal_channel',
        reasonCode: 'court',
        explanation,
      }),
    );
    const visitor = await system.visitor();
    const seen = await visitor.lookup(submitted.code, last4(submitted.citizen));
    expect(seen.body.status).toBe('diverted');
    expect(seen.body.explanation).toBe(explanation);
    const told = await system.toldCitizen(submitted.code, 'demand_closed_explained');
    expect(told.text).toContain(explanation.replace(/。$/, ''));

    // The master ledger of the district keeps it, as every demand received.
    const ledger = await system.ledger('district', DISTRICT);
    expect(ledger.rows.map((r: any) => r.code)).toContain(submitted.code);
  });
});
