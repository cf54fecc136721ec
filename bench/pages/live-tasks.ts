/**
 * Demands through the real engine for the 工作台: the 12345 hotline submits them over HTTP at
 * one village's grid, and the process takes each to its first user task (初审), open in that
 * village's task list. Their process instances also give 历史回放 something to replay.
 */
import cliProgress from 'cli-progress';
import { staffApi, submitDemand } from '../../test/browser/oversight-data';
import type { DemoLogin, RunningApp } from '../../test/browser/running-app';

const CONCURRENCY = 8;

export async function openLiveTasks(
  app: RunningApp,
  village: DemoLogin,
  grid: string,
  count: number,
): Promise<string[]> {
  const bar = new cliProgress.SingleBar(
    {
      format: 'live demands [{bar}] {value}/{total} {stage}  {duration}s',
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(count, 0, { stage: 'submitted' });
  const codes: string[] = [];
  let next = 0;
  const channel = async () => {
    while (next < count) {
      const index = next++;
      codes.push(
        await submitDemand(app, {
          content: `小区${index % 17}号楼楼道灯坏了，晚上出行不便，请尽快修理（${index}）`,
          name: `居民${index}`,
          phone: `139${String(10_000_000 + index).padStart(8, '0')}`,
          unitCode: grid,
        }),
      );
      bar.increment();
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, channel));
  // Each demand's first task appears once its process has run registration and triage.
  bar.update(0, { stage: 'open tasks' });
  const staff = await staffApi(app.baseUrl, village);
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    const list = (await staff.call('GET', '/api/tasks?pageSize=1')) as { page: { total: number } };
    bar.update(Math.min(count, list.page.total));
    if (list.page.total >= count) break;
    if (Date.now() > deadline) throw new Error(`only ${list.page.total} of ${count} tasks open`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  bar.stop();
  return codes;
}
