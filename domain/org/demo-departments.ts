import type { DepartmentNode } from './types';

/**
 * The district departments demands are routed to by domain (大事区里管), after the usual
 * structure of a district government. Each domain belongs to exactly one department so that
 * routing by domain is unambiguous; the code suffix is the customary short form (住建 → ZJ).
 */
const DEPARTMENTS: ReadonlyArray<readonly [suffix: string, name: string, domains: string[]]> = [
  ['ZJ', '区住房和城乡建设局', ['housing', 'land']],
  ['JT', '区交通运输局', ['transport', 'roads']],
  ['ST', '区生态环境局', ['environment']],
  ['CG', '区城市管理局', ['city_management', 'sanitation', 'vendors']],
  ['SJ', '区市场监督管理局', ['market', 'food_safety', 'consumer']],
  ['RS', '区人力资源和社会保障局', ['employment', 'wages', 'social_security']],
  ['JY', '区教育局', ['education']],
  ['WJ', '区卫生健康局', ['health']],
  ['MZ', '区民政局', ['civil_affairs', 'elderly']],
  ['NY', '区农业农村局', ['agriculture', 'rural']],
  ['SL', '区水利局', ['water']],
  ['GA', '区公安分局', ['public_security']],
  ['YJ', '区应急管理局', ['emergency', 'safety']],
  ['ZR', '区自然资源局', ['land_resources']],
];

export function demoDepartments(districtCode: string): DepartmentNode[] {
  return DEPARTMENTS.map(([suffix, name, domains]) => ({
    code: `${districtCode}-${suffix}`,
    name,
    domains: [...domains],
  }));
}
