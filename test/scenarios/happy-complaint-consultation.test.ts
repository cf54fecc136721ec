/**
 * The main path to the archive for a complaint and a consultation received on Monday
 * 28 September 2026, whose deadlines run across the National Day holiday (1–7 October).
 */
import { playHappyPath } from './support/happy-path';
import { useSystem } from './support/system';

describe('happy path to the archive across National Day: complaint, consultation', () => {
  const system = useSystem('2026-09-28T10:00:00+08:00');

  test('a complaint handled by the village: 30 working days, satisfied, signed off, archived, in the ledgers', async () => {
    await playHappyPath(system, {
      category: 'complaint',
      domain: 'sanitation',
      scope: 'village',
      tier: 'village',
      responseDays: 1,
      resolutionDays: 30,
    });
  });

  test('a consultation handled by the township: 5 working days skip 1–7 October', async () => {
    await playHappyPath(system, {
      category: 'consultation',
      domain: 'social_security',
      scope: 'township',
      tier: 'township',
      responseDays: 0,
      resolutionDays: 5,
    });
  });
});
