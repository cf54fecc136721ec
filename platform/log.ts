/** A line-oriented logger for one component. Never pass secrets or full personal data. */
export type Log = (message: string) => void;

export function createLog(component: string, write: (line: string) => void = console.log): Log {
  return (message) => write(`${new Date().toISOString()} [${component}] ${message}`);
}
