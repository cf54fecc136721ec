/**
 * The main path to the archive for a collective demand (a village's scope goes to the township
 * by the routing table) and one of category "other", received on Monday 28 September 2026.
 */
import { playHappyPath } from './support/happy-path';
import { useSystem } from './support/system';

describe('happy path to the archive across National Day: collective, other', () => {
  const system = useSystem('2026-09-28T10:00:00+08:00');

  test('a collective demand of a village is handled by its township: 30 working days', async () => {
    await playHappyPath(system, {
      category: 'collective',
      domain: 'land',
      scope: 'village',
      tier: 'township',
      responseDays: 1,
      resolutionDays: 30,
    });
  });

  test('a demand of category other handled by the township: 20 working days', async () => {
    await playHappyPath(system, {
      category: 'other',
      domain: 'other',
      scope: 'township',
      tier: 'township',
      responseDays: 1,
      resolutionDays: 20,
    });
  });
});
