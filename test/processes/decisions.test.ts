import { useDemandEngine, type Variables } from './support/harness';

/**
 * The decision tables, evaluated by the engine as deployed: routing by tier (小事村办、难事乡镇担、
 * 大事区里管, beyond that the city), conduct to the district's discipline commission, co-units
 * for matters several departments share; deadlines per category and for petitions (DOMAIN.md,
 * 信访工作条例); the escalation ladder.
 */
describe('decisions: routing, deadlines, escalation', () => {
  const demands = useDemandEngine();

  async function evaluate(decision: string, variables: Variables): Promise<unknown> {
    const result = await demands.rest('/v2/decision-definitions/evaluation', 'POST', {
      decisionDefinitionId: decision,
      variables,
    });
    if (result.status !== 200) throw new Error(JSON.stringify(result.body));
    if (result.body.failureMessage) throw new Error(result.body.failureMessage);
    return JSON.parse(result.body.output as string);
  }

  const route = (variables: Variables) =>
    evaluate('demand-routing', {
      scope: null,
      category: 'request',
      domain: 'utilities',
      ...variables,
    });

  describe('demand-routing', () => {
    it.each([
      ['village', 'village'],
      ['township', 'township'],
      ['district', 'district'],
      ['city', 'city'],
    ])('a %s matter is handled at the %s tier, alone', async (scope, tier) => {
      expect(await route({ scope })).toEqual({ tier, coUnits: [] });
    });

    it('without a scope decided, the triage suggestion gives the tier', async () => {
      expect(await route({ suggestion: { tier: 'district' } })).toEqual({
        tier: 'district',
        coUnits: [],
      });
    });

    it('with neither, the township takes it first', async () => {
      expect(await route({ suggestion: null })).toEqual({ tier: 'township', coUnits: [] });
    });

    it('conduct goes to the district, whatever the scope, where the discipline commission owns it', async () => {
      for (const scope of ['village', 'township', 'city']) {
        expect(await route({ scope, category: 'complaint', domain: 'conduct' })).toEqual({
          tier: 'district',
          coUnits: [],
        });
      }
    });

    it('noise: urban management leads, the township and environment co-handle', async () => {
      expect(
        await route({
          scope: 'township',
          category: 'complaint',
          domain: 'urban_management',
          matter: 'noise',
        }),
      ).toEqual({ tier: 'district', coUnits: ['township', 'environment'] });
    });

    it('construction noise: environment leads, the township and urban management co-handle', async () => {
      expect(
        await route({
          scope: 'district',
          category: 'complaint',
          domain: 'environment',
          matter: 'noise',
        }),
      ).toEqual({ tier: 'district', coUnits: ['township', 'urban_management'] });
    });

    it('a neighbour noise matter the village can settle stays in the village', async () => {
      expect(
        await route({ scope: 'village', domain: 'urban_management', matter: 'noise' }),
      ).toEqual({ tier: 'village', coUnits: [] });
    });

    it('a collective demand is not settled in the village: the township leads, the village helps', async () => {
      expect(await route({ scope: 'village', category: 'collective' })).toEqual({
        tier: 'township',
        coUnits: ['village'],
      });
    });
  });

  describe('demand-deadlines', () => {
    const common = {
      dayKind: 'working',
      warnShare: 0.8,
      escalationGraceDays: 3,
      maxExtensions: 1,
      unsatisfiedEscalateAfter: 2,
    };

    it.each([
      ['consultation', 0, 5],
      ['suggestion', 1, 15],
      ['request', 1, 20],
      ['complaint', 1, 30],
      ['collective', 1, 30],
    ])(
      '%s: respond in %i and resolve in %i working days',
      async (category, response, resolution) => {
        const policy = await evaluate('demand-deadlines', { category, isPetition: false });
        expect(policy).toMatchObject({
          ...common,
          responseDays: response,
          resolutionDays: resolution,
        });
      },
    );

    it('a collective demand may be extended towards 90 days', async () => {
      const policy = (await evaluate('demand-deadlines', {
        category: 'collective',
        isPetition: false,
      })) as { resolutionDays: number; maxExtensionDays: number };
      expect(policy.resolutionDays + policy.maxExtensionDays).toBe(90);
    });

    it('a petition: acceptance within 15 days, resolution within 60, one extension of 30, calendar days', async () => {
      for (const category of ['complaint', 'request', 'collective']) {
        expect(await evaluate('demand-deadlines', { category, isPetition: true })).toMatchObject({
          responseDays: 15,
          resolutionDays: 60,
          dayKind: 'calendar',
          maxExtensions: 1,
          maxExtensionDays: 30,
          warnShare: 0.8,
          unsatisfiedEscalateAfter: 2,
        });
      }
    });

    it('every policy names all its numbers, verification included', async () => {
      const policy = (await evaluate('demand-deadlines', { category: 'other' })) as Variables;
      expect(Object.keys(policy).sort()).toEqual(
        [
          'dayKind',
          'escalationGraceDays',
          'maxExtensionDays',
          'maxExtensions',
          'resolutionDays',
          'responseDays',
          'unsatisfiedEscalateAfter',
          'verificationDays',
          'warnShare',
        ].sort(),
      );
      expect(policy.verificationDays).toEqual(expect.any(Number));
      expect(policy.resolutionDays).toEqual(expect.any(Number));
    });
  });

  describe('escalation-ladder', () => {
    it.each([
      ['village', 'township'],
      ['township', 'district'],
      ['district', 'city'],
      ['city', 'city'],
    ])('from the %s to the %s', async (tier, next) => {
      expect(await evaluate('escalation-ladder', { tier })).toBe(next);
    });
  });
});
