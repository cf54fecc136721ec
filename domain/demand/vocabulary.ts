/**
 * The vocabulary of a demand as the HTTP contract (API.md) spells it. Server validation, the
 * processes' variables, the workers and the web apps use these keys; labels are for people.
 */

export const CHANNELS = [
  'hotline_12345',
  'wechat',
  'qr_scan',
  'mailbox',
  'questionnaire',
  'door_visit',
  'online_forum',
  'leader_reception',
  'letter',
  'citizen_web',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Channels whose demands may be petitions (信访) with their own clocks. */
export const PETITION_CHANNELS: readonly Channel[] = ['letter', 'leader_reception'];

export const CATEGORIES = [
  'consultation',
  'suggestion',
  'request',
  'complaint',
  'collective',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const DOMAINS = [
  'housing',
  'traffic',
  'environment',
  'sanitation',
  'urban_management',
  'utilities',
  'social_security',
  'health',
  'education',
  'market',
  'public_security',
  'land',
  'neighbourhood',
  'agriculture',
  'conduct',
  'other',
] as const;
export type Domain = (typeof DOMAINS)[number];

export const SCREENING_OUTCOMES = [
  'valid',
  'invalid_repeat_no_new_facts',
  'invalid_false_info',
  'invalid_out_of_scope',
  'divert_legal_channel',
  'divert_emergency',
] as const;
export type ScreeningOutcome = (typeof SCREENING_OUTCOMES)[number];

export const TIERS = ['village', 'township', 'district', 'city'] as const;
export type Tier = (typeof TIERS)[number];

export const EMERGENCY_NUMBERS = ['110', '119', '120', '122'] as const;
export type EmergencyNumber = (typeof EMERGENCY_NUMBERS)[number];

/** In the order of a demand's life, then the ends that skip handling. */
export const STATUSES = [
  'received',
  'screening',
  'reviewing',
  'dispatching',
  'handling',
  'paused',
  'awaiting_verification',
  'signoff',
  'archived',
  'diverted',
  'merged',
  'closed_invalid',
] as const;
export type DemandStatus = (typeof STATUSES)[number];

/** Statuses after which nothing more happens to a demand. */
export const FINAL_STATUSES: readonly DemandStatus[] = [
  'archived',
  'diverted',
  'merged',
  'closed_invalid',
];

export const SATISFACTIONS = ['satisfied', 'basically_satisfied', 'unsatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];

export const ROLES = [
  'intake_clerk',
  'village_staff',
  'township_staff',
  'department_staff',
  'dispatcher',
  'supervisor',
  'principal_leader',
  'discipline_inspector',
  'auditor',
  'process_owner',
  'admin',
] as const;
export type Role = (typeof ROLES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  consultation: '咨询',
  suggestion: '建议',
  request: '求决',
  complaint: '投诉',
  collective: '集体诉求',
  other: '其他',
};

export const STATUS_LABELS: Record<DemandStatus, string> = {
  received: '已受理',
  screening: '初审中',
  reviewing: '复核中',
  dispatching: '派单中',
  handling: '办理中',
  paused: '暂停计时',
  awaiting_verification: '待验收',
  signoff: '会签中',
  archived: '已销号归档',
  diverted: '已分流',
  merged: '已并单',
  closed_invalid: '无效已说明',
};

export const CHANNEL_LABELS: Record<Channel, string> = {
  hotline_12345: '12345热线',
  wechat: '微信',
  qr_scan: '扫码',
  mailbox: '意见箱',
  questionnaire: '问卷调查',
  door_visit: '入户走访',
  online_forum: '网络论坛',
  leader_reception: '领导接访',
  letter: '来信',
  citizen_web: '群众网页',
};

export const DOMAIN_LABELS: Record<Domain, string> = {
  housing: '住房',
  traffic: '交通',
  environment: '生态环境',
  sanitation: '环境卫生',
  urban_management: '城市管理',
  utilities: '水电气讯',
  social_security: '社会保障',
  health: '医疗卫生',
  education: '教育',
  market: '市场监管',
  public_security: '公共安全',
  land: '自然资源',
  neighbourhood: '邻里纠纷',
  agriculture: '农业农村',
  conduct: '干部作风',
  other: '其他',
};

export const SATISFACTION_LABELS: Record<Satisfaction, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
};

export const TIER_LABELS: Record<Tier, string> = {
  village: '村（社区）',
  township: '乡镇（街道）',
  district: '区（县）',
  city: '市',
};

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
