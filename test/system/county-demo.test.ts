/**
 * `npm run demo` at a tiny scale: 20 demands over 3 days through the real engine, workers and
 * staff API, ending with the month's summary. The demo exits non-zero when any intake, task
 * completion, feedback or the rankings call was refused, so a clean exit means the scripted
 * decisions fit the forms and the processes.
 */
import { runNpmScript } from './running-system';

jest.setTimeout(300_000);

describe('npm run demo', () => {
  it('runs 20 demands over 3 days to a summary with ledgers, rates, rankings and triage', async () => {
    const run = await runNpmScript('demo', ['--demands', '20', '--days', '3'], {
      ...process.env,
      DEMO_SCALE: '',
    });
    expect({ code: run.code, output: run.output }).toMatchObject({ code: 0 });
    const out = run.output;
    expect(out).toContain('county demo: 20 demands over 3 days');
    expect(out).toMatch(/village\s+[1-9]\d* demands led/);
    expect(out).toMatch(/demands 20; statuses: .*archived [1-9]/);
    expect(out).toMatch(/resolution rate \d+\.\d %/);
    expect(out).toContain('rankings 2027-03:');
    expect(out).toMatch(/triage outcome\s+agreed with staff on \d+ of 20 =/);
    expect(out).not.toContain('problems');
  });
});
