/**
 * Where the demo's demands come from and who works them: eight villages of two townships (a
 * street and a town) of the demo district, and one account for every (role, unit) their
 * demands can reach (handling at any tier, review, sign-off, return visits, discipline).
 */
import { demo } from '../../test/system/lifecycle/demand-scripts';

const TOWNSHIPS = ['511999001', '511999101'];
const VILLAGES_PER_TOWNSHIP = 4;

export interface DemoVillage {
  code: string;
  township: string;
  /** The first grid of the village: where its demands are placed. */
  grid: string;
}

export const demoVillages: DemoVillage[] = TOWNSHIPS.flatMap((code) => {
  const township = demo.children!.find((t) => t.code === code)!;
  return township
    .children!.filter((v) => (v.grids ?? []).length > 0)
    .slice(0, VILLAGES_PER_TOWNSHIP)
    .map((v) => ({ code: v.code, township: code, grid: v.grids![0]!.code }));
});

export function demoStaffUnits(): [role: string, unitCode: string][] {
  return [
    ...demoVillages.map((v): [string, string] => ['village_staff', v.code]),
    ...TOWNSHIPS.map((t): [string, string] => ['township_staff', t]),
    ...(demo.departments ?? []).map((d): [string, string] => ['department_staff', d.code]),
    ['department_staff', demo.code],
    ['department_staff', demo.city!.code],
    ...['intake_clerk', 'dispatcher', 'supervisor', 'principal_leader', 'discipline_inspector'].map(
      (role): [string, string] => [role, demo.code],
    ),
  ];
}
