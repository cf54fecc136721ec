import { CATEGORY_LABELS, DOMAIN_LABELS, TIER_LABELS } from '../../domain/demand';
import type { OnlineModel } from './online-model';
import type { RoutingRule } from './routing-table';
import { DOMAIN_FEATURE, termsFor, type LexiconHit, type TextFeatures } from './text-features';

const OUTCOME_LABELS: Record<string, string> = {
  valid: '有效诉求',
  invalid_false_info: '无效（虚假或无实质内容）',
  invalid_out_of_scope: '无效（不属本区受理范围）',
  divert_legal_channel: '转法定途径',
};

const REASON_LABELS: Record<string, string> = {
  test: '测试信息',
  nonsense: '无实质内容',
  abuse: '辱骂',
  spam: '广告推销',
  rumour: '不实传言',
  not_government: '非政府职责',
  other_district: '外区事项',
  court: '已诉讼或应诉讼',
  arbitration: '仲裁',
  administrative_review: '行政复议',
  civil_dispute: '民事纠纷',
};

const LABELS: Record<string, Record<string, string>> = {
  category: CATEGORY_LABELS,
  domain: DOMAIN_LABELS,
  tier: TIER_LABELS,
  outcome: OUTCOME_LABELS,
  reason: REASON_LABELS,
};

export const labelOf = (head: string, value: string) => LABELS[head]?.[value] ?? value;

const quoted = (terms: string[]) => terms.map((t) => `“${t}”`).join('');

/**
 * Why a head chose its answer, in words staff recognise: the lexicon terms found, else the
 * learned words and character pairs that weighed most. Nothing when neither spoke.
 */
export function reasonFor(
  model: OnlineModel,
  features: TextFeatures,
  head: 'category' | 'domain' | 'tier' | 'outcome' | 'reason',
  label: string,
): string | null {
  const target = labelOf(head, label);
  const terms = termsFor(features.hits as LexiconHit[], head, label);
  if (terms.length > 0) return `匹配词${quoted(terms.slice(0, 4))} → ${target}`;
  const top = model.topFeatures(head, features.values, label, 3);
  const learned = top
    .filter((f) => !f.feature.startsWith('lex:') && !f.feature.startsWith(DOMAIN_FEATURE))
    .map((f) => f.feature.slice(2));
  if (learned.length > 0) return `已学到的词${quoted(learned)} → ${target}`;
  // The tier a field usually goes to (tier-lexicon.json byDomain), when the text names no scope.
  const field = top.find((f) => f.feature.startsWith(DOMAIN_FEATURE));
  return field
    ? `${labelOf('domain', field.feature.slice(DOMAIN_FEATURE.length))}类事项通常 → ${target}`
    : null;
}

export function routingReason(
  rule: RoutingRule,
  leadUnitCode: string | null,
  coUnitCodes: string[],
): string {
  const co = coUnitCodes.length > 0 ? `，协办 ${coUnitCodes.join('、')}` : '';
  return `派单规则 ${rule.id}：${TIER_LABELS[rule.tier]}办理，牵头 ${leadUnitCode ?? '待定'}${co}`;
}
