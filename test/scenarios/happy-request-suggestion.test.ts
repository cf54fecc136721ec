/**
 * The main path to the archive for a request for help handled by a district department and a
 * suggestion handled by the village, received on Monday 28 September 2026 (National Day falls
 * inside both deadlines).
 */
import { playHappyPath } from './support/happy-path';
import { useSystem } from './support/system';

describe('happy path to the archive across National Day: request, suggestion', () => {
  const system = useSystem('2026-09-28T10:00:00+08:00');

  test('a request for help routed to the housing department: 20 working days', async () => {
    await playHappyPath(system, {
      category: 'request',
      domain: 'housing',
      scope: 'district',
      tier: 'district',
      responseDays: 1,
      resolutionDays: 20,
    });
  });

  test('a suggestion handled by the village: 15 working days', async () => {
    await playHappyPath(system, {
      category: 'suggestion',
      domain: 'urban_management',
      scope: 'village',
      tier: 'village',
      responseDays: 1,
      resolutionDays: 15,
    });
  });
});
