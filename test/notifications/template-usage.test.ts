import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { hasTemplate } from '../../workers/notifications';

const WORKERS = path.resolve(__dirname, '../../workers');

/** Every TypeScript source below `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sources(full);
    return /\.(ts|mts|cts|js)$/.test(entry.name) ? [full] : [];
  });
}

/** The template names written as literals: `template: 'name'` (any quote, no interpolation). */
function templateLiterals(source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(/\btemplate\s*:\s*(['"`])([^'"`$\\\n]+)\1/g)) {
    found.push(match[2]!);
  }
  return found;
}

describe('template names used by the workers', () => {
  it('finds the literals in the shapes the workers write them', () => {
    const sample = [
      "enqueue(trx, { channel: 'sms', template: 'demand_received', payload })",
      'outbox.push({ template: "deadline_warning" });',
      'const row = { template:`supervision_order`, recipient };',
      'const dynamic = { template: `demand_${kind}` };',
      'const other = { templateName: "not_this_one" };',
    ].join('\n');
    expect(templateLiterals(sample)).toEqual([
      'demand_received',
      'deadline_warning',
      'supervision_order',
    ]);
  });

  it('has a template for every name written under workers/', () => {
    const missing = sources(WORKERS).flatMap((file) =>
      templateLiterals(readFileSync(file, 'utf8'))
        .filter((name) => !hasTemplate(name))
        .map((name) => `${path.relative(WORKERS, file)}: ${name}`),
    );
    expect(missing).toEqual([]);
  });
});
