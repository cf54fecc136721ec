/**
 * Loaded into the server process with `--import` by the county demo: the process's clock
 * (`Date`, `Date.now()`) runs ahead of the machine's by the offset in MINSHENG_DEMO_CLOCK_FILE
 * (ms), which the demo rewrites each time it moves the engine clock to the next day. Intake
 * times, sessions and ledger dates then fall on the simulated day, as the engine's timers do.
 */
import fs from 'node:fs';
import process from 'node:process';
import { setInterval } from 'node:timers';

const file = process.env.MINSHENG_DEMO_CLOCK_FILE;
if (file) {
  const RealDate = Date;
  const realNow = RealDate.now.bind(RealDate);
  let offset = 0;
  const read = () => {
    try {
      offset = Number(fs.readFileSync(file, 'utf8')) || 0;
    } catch {
      // Not written yet: keep the last offset.
    }
  };
  read();
  setInterval(read, 20).unref();
  class ShiftedDate extends RealDate {
    constructor(...args) {
      if (args.length === 0) super(realNow() + offset);
      else super(...args);
    }
    static now() {
      return realNow() + offset;
    }
  }
  globalThis.Date = ShiftedDate;
}
