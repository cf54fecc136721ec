import fs from 'node:fs';

/** utime, stime, cutime and cstime of a process, in ms, from /proc (Linux). */
function cpuFields(pid: number): { own: number; children: number; ppid: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which is in parentheses and may contain spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ms = (i: number) => Number(fields[i]) * 10; // USER_HZ is 100 on Linux
  return { own: ms(11) + ms(12), children: ms(13) + ms(14), ppid: Number(fields[1]) };
}

/** CPU time (user + system) a process has used so far, in ms, from /proc (Linux). */
export function processCpuMs(pid: number): number {
  return cpuFields(pid).own;
}

/**
 * CPU time a PostgreSQL server has used so far, in ms: the postmaster, its live backends and
 * background processes, and those that have ended (counted in the postmaster's children's time).
 */
export function postgresCpuMs(postmasterPid: number): number {
  const postmaster = cpuFields(postmasterPid);
  let total = postmaster.own + postmaster.children;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const child = cpuFields(Number(entry));
      if (child.ppid === postmasterPid) total += child.own + child.children;
    } catch {
      // The process ended while the list was read: its time is now the postmaster's.
    }
  }
  return total;
}

/** CPU time this process has used so far, in ms. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
