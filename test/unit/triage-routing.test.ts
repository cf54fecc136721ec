import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDmn } from '../../engine/dmn';
import { ROUTING_RULES, routeDemand } from '../../server/triage';

/** `"a","b"` → ['a', 'b']; `-` → null (any value). */
const unaryValues = (source: string) =>
  source.trim() === '-' ? null : source.split(',').map((item) => JSON.parse(item.trim()));

describe('routing mirror (server/triage/routing-table.ts) against processes/demand-routing.dmn', () => {
  it('has the same rules in the same order as the DMN table', async () => {
    const xml = readFileSync(path.join(__dirname, '../../processes/demand-routing.dmn'), 'utf8');
    const drg = await parseDmn(xml);
    if ('errors' in drg) throw new Error(drg.errors.join('; '));
    const decision = drg.decisions.find((d) => d.decisionId === 'demand-routing')!;
    if (decision.logic.kind !== 'table') throw new Error('expected a decision table');
    const table = decision.logic;
    expect(table.hitPolicy).toBe('FIRST');
    expect(table.inputs.map((i) => i.expression)).toEqual([
      'if scope != null then scope else suggestion.tier',
      'category',
      'domain',
      'matter',
    ]);
    expect(table.outputs.map((o) => o.name)).toEqual(['tier', 'coUnits']);
    const fromDmn = table.rules.map((rule) => ({
      id: rule.id,
      scope: unaryValues(rule.inputEntries[0]!),
      category: unaryValues(rule.inputEntries[1]!),
      domain: unaryValues(rule.inputEntries[2]!),
      matter: unaryValues(rule.inputEntries[3]!),
      tier: JSON.parse(rule.outputEntries[0]!),
      coUnits: JSON.parse(rule.outputEntries[1]!),
    }));
    expect(ROUTING_RULES).toEqual(fromDmn);
  });

  it('routes as the table reads', () => {
    const route = (scope: 'village' | 'township' | 'district' | 'city', extra = {}) =>
      routeDemand({ scope, category: null, domain: null, matter: null, ...extra }).id;
    expect(route('township', { domain: 'urban_management', matter: 'noise' })).toBe(
      'rule-living-noise',
    );
    expect(route('village', { domain: 'urban_management', matter: 'noise' })).toBe('rule-village');
    expect(route('village', { category: 'collective' })).toBe('rule-village-collective');
    expect(route('city', { domain: 'conduct' })).toBe('rule-conduct');
    expect(routeDemand({ scope: null, category: null, domain: null, matter: null }).id).toBe(
      'rule-unknown',
    );
  });
});
