import { LADDER_LABELS, periodLabel, type LadderStep } from '../../domain/rankings';
import { count, join, labelOf, text, TemplateError, type Payload } from './template-format';

/**
 * The messages of the unit rankings (红黑榜) to a unit, for its head. They concern a unit and a
 * period, not a demand: the payload carries `period` (`2026-03`, `2026-W10`) and `periodKind`.
 */

const LISTS: Record<string, string> = { red: '红榜', black: '黑榜' };

const LADDER_ACTIONS: Record<LadderStep, string> = {
  reminder: '现予以提醒，请认真分析原因、抓好整改',
  talk: '将约谈单位主要负责人，请做好准备并提交整改报告',
  formal_review: '将启动问责审查程序，请单位主要负责人作出书面说明',
};

function periodOf(p: Payload): string {
  const period = text(p, 'period');
  const kind = text(p, 'periodKind');
  if (!period || (kind !== 'month' && kind !== 'week')) {
    throw new TemplateError('the payload has no period and periodKind');
  }
  return periodLabel({ kind, period });
}

export function fraudWarningSubject(p: Payload): string {
  return `${periodOf(p)}红灯预警：疑似数据造假`;
}

export function rankingSubject(p: Payload): string {
  const list = labelOf(LISTS, p, 'list');
  return list ? `${periodOf(p)}红黑榜：${list}` : `${periodOf(p)}黄灯预警`;
}

export function unitRankingListed(p: Payload): string {
  const period = periodOf(p);
  const list = labelOf(LISTS, p, 'list');
  if (!list) throw new TemplateError('the payload has no list (red or black)');
  const unit = text(p, 'unitName');
  const rank = count(p, 'rank');
  const score = text(p, 'score');
  const step = labelOf(LADDER_LABELS, p, 'ladderStep') as string | undefined;
  const times = count(p, 'listingCount');
  const action = step ? LADDER_ACTIONS[text(p, 'ladderStep') as LadderStep] : undefined;
  return join(
    `【红黑榜】${unit ? `${unit}：` : ''}`,
    `你单位在${period}诉求办理考评中列入${list}`,
    rank ? `（同类单位第${rank}名` : '',
    rank && score ? `，综合得分${score}）。` : rank ? '）。' : '。',
    list === '红榜' ? '特此通报表扬，望继续保持。' : '',
    list === '黑榜' && times ? `这是你单位第${times}次列入黑榜，` : '',
    list === '黑榜' && action ? `${action}。` : '',
    '详情请登录民生诉求系统查看。',
  );
}

export function unitWarning(p: Payload): string {
  const unit = text(p, 'unitName');
  const reason = text(p, 'reason');
  return join(
    `【黄灯预警】${unit ? `${unit}：` : ''}`,
    `你单位在${periodOf(p)}诉求办理中亮起黄灯`,
    reason ? `：${reason}。` : '。',
    '请查找原因，限期整改。',
  );
}

/** A red warning for data fraud the ranking found (`unit_fraud_warning`). */
export function unitFraudWarning(p: Payload): string {
  const unit = text(p, 'unitName');
  const reason = text(p, 'reason');
  if (!reason) throw new TemplateError('the payload has no reason');
  return join(
    `【红灯预警】${unit ? `${unit}：` : ''}`,
    `你单位${periodOf(p)}的诉求办理数据经系统比对疑似造假，亮起红灯：${reason}。`,
    '请如实核查，限期整改并向纪检监察部门书面说明。',
  );
}
