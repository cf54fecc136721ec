import type { OrgTreeFile } from './types';

/** The role codes seeded by the org-and-identity migration. */
export type RoleCode =
  | 'intake_clerk'
  | 'village_staff'
  | 'township_staff'
  | 'department_staff'
  | 'dispatcher'
  | 'supervisor'
  | 'principal_leader'
  | 'discipline_inspector'
  | 'auditor'
  | 'process_owner'
  | 'admin';

export interface DemoUser {
  username: string;
  displayName: string;
  role: RoleCode;
  unitCode: string;
}

type Placement = 'district' | 'first-village' | 'first-township' | 'housing-department';

/** One account per role, so every screen of the process can be tried by logging in as it. */
const DEMO_ACCOUNTS: ReadonlyArray<
  readonly [username: string, displayName: string, role: RoleCode, placement: Placement]
> = [
  // The district unit stands for the 12345 centre (群众诉求综合服务中心) where intake happens.
  ['demo-intake', '王晓梅（受理员）', 'intake_clerk', 'district'],
  ['demo-village', '李建国（村社区干部）', 'village_staff', 'first-village'],
  ['demo-township', '张志强（乡镇街道干部）', 'township_staff', 'first-township'],
  ['demo-department', '陈静（部门承办人）', 'department_staff', 'housing-department'],
  ['demo-dispatcher', '刘洋（派单员）', 'dispatcher', 'district'],
  ['demo-supervisor', '赵红（分管领导）', 'supervisor', 'district'],
  ['demo-leader', '周明（主要领导）', 'principal_leader', 'district'],
  ['demo-discipline', '孙立（纪检监察）', 'discipline_inspector', 'district'],
  ['demo-auditor', '吴芳（审计监督）', 'auditor', 'district'],
  ['demo-process', '郑伟（流程管理员）', 'process_owner', 'district'],
  ['demo-admin', '何磊（系统管理员）', 'admin', 'district'],
];

/** The demo accounts placed in `tree` (normally the demo district). */
export function demoUsers(tree: OrgTreeFile): DemoUser[] {
  const firstTownship = tree.children?.[0];
  const firstVillage = tree.children?.find((t) => (t.children ?? []).length > 0)?.children?.[0];
  const housing = tree.departments?.find((d) => d.domains.includes('housing'));
  const units: Record<Placement, string | undefined> = {
    district: tree.code,
    'first-village': firstVillage?.code,
    'first-township': firstTownship?.code,
    'housing-department': housing?.code,
  };
  return DEMO_ACCOUNTS.map(([username, displayName, role, placement]) => {
    const unitCode = units[placement];
    if (unitCode === undefined) {
      throw new Error(`the org tree has no unit for the demo ${role} (${placement})`);
    }
    return { username, displayName, role, unitCode };
  });
}
