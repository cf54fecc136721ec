/**
 * The month's script, written before the month starts: which demands arrive on which day,
 * through which channel, saying what, and what staff and citizens will decide about each and
 * on which day. Shares follow seed 000 (DOMAIN.md "Intake"): 16,564 demands a month, 3,246
 * online and 13,318 from door-to-door visits, 3,686 invalid (22 %); of the valid ones 80 %
 * handled in the village, 6 % the township, 11 % the district, 3 % passed to the city.
 */
import { integerBetween, mulberry32, type SeededRandom } from '../../domain/org/seeded-random';
import {
  DOMAIN_TEXTS,
  EMERGENCIES,
  FALSE_INFO,
  LEGAL,
  OUT_OF_SCOPE,
  fill,
  pick,
  repeatOf,
  vary,
} from './demo-texts';

export const MONTH_DEMANDS = 16_564;
const ONLINE_SHARE = 3_246 / 16_564;
const INVALID_SHARE = 3_686 / 16_564;

export type Tier = 'village' | 'township' | 'district' | 'city';
export type Screening =
  | 'valid'
  | 'invalid_repeat_no_new_facts'
  | 'invalid_false_info'
  | 'invalid_out_of_scope'
  | 'divert_legal_channel'
  | 'divert_emergency';
export type Satisfaction = 'satisfied' | 'basically_satisfied' | 'unsatisfied';

/** Ledger shares of the valid demands (10,279 / 821 / 1,357 / 421). */
const TIERS: [Tier, number][] = [
  ['village', 10_279],
  ['township', 821],
  ['district', 1_357],
  ['city', 421],
];
/** The invalid ones, by what the screener finds. */
const INVALID: [Exclude<Screening, 'valid'>, number][] = [
  ['invalid_repeat_no_new_facts', 45],
  ['invalid_false_info', 20],
  ['invalid_out_of_scope', 20],
  ['divert_legal_channel', 10],
  ['divert_emergency', 5],
];
const ONLINE_CHANNELS = ['hotline_12345', 'wechat', 'qr_scan'] as const;

export interface PlannedDemand {
  index: number;
  /** 1-based day of the month it arrives. */
  day: number;
  channel: string;
  externalId: string;
  citizen: { name: string; phone: string };
  /** Index into the demo's villages. */
  village: number;
  content: string;
  /** Minutes after 08:00 of its day when the citizen raised it. */
  minute: number;
  screening: Screening;
  reasonCode?: string;
  emergencyNumber?: string;
  /** The earlier demand this one repeats (a repeat with nothing new is screened out). */
  repeats?: number;
  category: string;
  domain: string;
  review: 'reasonable' | 'partly_reasonable' | 'unreasonable';
  tier: Tier;
  acceptDay: number;
  /** The day of each resolution: more than one when the citizen is unsatisfied. */
  resolveDays: number[];
  /** The answer to each verification request, in order (then satisfied). */
  feedback: Satisfaction[];
  /** Answers the SMS on the public page; otherwise a clerk calls back (return visit). */
  answersOnline: boolean;
  /** Filled in as the month runs. */
  code?: string;
  handleTasks: number;
}

const weighted = <T>(random: SeededRandom, table: [T, number][]): T => {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let roll = random() * total;
  for (const [value, weight] of table) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return table[0]![0];
};

const REASONS: Record<Exclude<Screening, 'valid'>, string[]> = {
  invalid_repeat_no_new_facts: ['repeat'],
  invalid_false_info: ['rumour', 'test'],
  invalid_out_of_scope: ['other_district', 'not_government'],
  divert_legal_channel: ['court', 'arbitration', 'administrative_review'],
  divert_emergency: ['emergency'],
};

/**
 * `count` demands over `days` days among `villages` villages. Villages further down the list
 * lag more often (resolve late, leave demands overdue), so the month's rankings have a spread.
 */
export function planMonth(
  count: number,
  days: number,
  villages: number,
  seed = 20_270_301,
): PlannedDemand[] {
  const random = mulberry32(seed);
  const planned: PlannedDemand[] = [];
  for (let index = 0; index < count; index++) {
    const day = 1 + Math.floor((index * days) / count);
    const village = integerBetween(random, 0, villages - 1);
    const online = random() < ONLINE_SHARE;
    const texts = pick(random, DOMAIN_TEXTS);
    let screening: Screening = random() < INVALID_SHARE ? weighted(random, INVALID) : 'valid';
    let content = fill(random, pick(random, texts.templates));
    let repeats: number | undefined;
    let citizen = { name: `群众${index}`, phone: `13${String(700_000_000 + index)}` };
    const earlier = planned.filter((p) => p.screening === 'valid').at(-1 - (index % 40));
    if (screening === 'invalid_repeat_no_new_facts') {
      if (earlier) {
        repeats = earlier.index;
        citizen = earlier.citizen;
        content = repeatOf(random, earlier.content);
      } else screening = 'invalid_false_info';
    }
    if (screening === 'invalid_false_info') content = fill(random, pick(random, FALSE_INFO));
    if (screening === 'invalid_out_of_scope') content = fill(random, pick(random, OUT_OF_SCOPE));
    if (screening === 'divert_legal_channel') content = fill(random, pick(random, LEGAL));
    if (screening === 'divert_emergency') content = fill(random, pick(random, EMERGENCIES));
    const lag = 0.02 + (0.3 * village) / Math.max(1, villages - 1);
    const lagging = random() < lag;
    const acceptDay = day + (random() < 0.8 ? 0 : 1);
    // A lagging consultation (5 working days) is resolved after its deadline, often after
    // the escalation grace; a lagging longer matter is left open past the month's end.
    const firstResolve = !lagging
      ? acceptDay + integerBetween(random, 0, texts.category === 'consultation' ? 2 : 6)
      : texts.category === 'consultation'
        ? day + integerBetween(random, 8, 14)
        : day + 40;
    const unsatisfied = random() < 0.06;
    planned.push({
      index,
      day,
      channel: online ? pick(random, ONLINE_CHANNELS) : 'door_visit',
      externalId: `demo-${index}`,
      citizen,
      village,
      content: screening === 'invalid_repeat_no_new_facts' ? content : vary(random, content),
      minute: integerBetween(random, 0, 599),
      screening,
      reasonCode: screening === 'valid' ? undefined : pick(random, REASONS[screening]),
      emergencyNumber: screening === 'divert_emergency' ? '120' : undefined,
      repeats,
      category: texts.category,
      domain: texts.domain,
      review:
        random() < 0.03 ? 'unreasonable' : random() < 0.05 ? 'partly_reasonable' : 'reasonable',
      tier: weighted(random, TIERS),
      acceptDay,
      resolveDays: unsatisfied ? [firstResolve, firstResolve + 2] : [firstResolve],
      feedback: unsatisfied
        ? ['unsatisfied', 'satisfied']
        : [random() < 0.85 ? 'satisfied' : 'basically_satisfied'],
      answersOnline: random() < 0.85,
      handleTasks: 0,
    });
  }
  return planned;
}
