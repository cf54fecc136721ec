import type { DepartmentNode } from './types';

/**
 * The district departments demands are routed to by domain (大事区里管), after the usual
 * structure of a district government. Each domain belongs to exactly one department so that
 * routing by domain is unambiguous; the code suffix is the customary short form (住建 → ZJ).
 */
const DEPARTMENTS: ReadonlyArray<readonly [suffix: string, name: string, domains: string[]]> = [
  ['ZJ', '区住房和城乡建设局', ['housing']],
  ['JT', '区交通运输局', ['traffic']],
  ['ST', '区生态环境局', ['environment']],
  ['CG', '区城市管理局', ['urban_management', 'sanitation']],
  ['SW', '区水务局', ['utilities']],
  ['RS', '区人力资源和社会保障局', ['social_security']],
  ['WJ', '区卫生健康局', ['health']],
  ['JY', '区教育局', ['education']],
  ['SJ', '区市场监督管理局', ['market']],
  ['GA', '区公安分局', ['public_security']],
  ['ZR', '区自然资源局', ['land']],
  ['SF', '区司法局', ['neighbourhood']],
  ['NY', '区农业农村局', ['agriculture']],
  ['JW', '区纪委监委', ['conduct']],
];

export function demoDepartments(districtCode: string): DepartmentNode[] {
  return DEPARTMENTS.map(([suffix, name, domains]) => ({
    code: `${districtCode}-${suffix}`,
    name,
    domains: [...domains],
  }));
}
