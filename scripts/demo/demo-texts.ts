/**
 * What citizens say, from templates: per domain, with the county's dialect, Traditional
 * script, typos, and the texts screening must turn away (emergencies, legal matters, matters
 * beyond the county, false information) or recognise (repeats of an earlier demand).
 */
import { Converter } from 'opencc-js/cn2t';
import type { SeededRandom } from '../../domain/org/seeded-random';

export interface DomainTexts {
  domain: string;
  category: string;
  templates: string[];
}

const pick = <T>(random: SeededRandom, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)]!;

const PLACES = [
  '3号楼',
  '村口',
  '菜市场旁',
  '小学门口',
  '幸福路',
  '老街',
  '河堤边',
  '安置小区',
  '2组',
  '卫生院旁',
];
const SINCE = ['这几天', '一个多月了', '从上周开始', '每天晚上', '好几年了', '最近'];

/** Per domain: what it is about and how people put it. `{p}` a place, `{t}` how long. */
export const DOMAIN_TEXTS: DomainTexts[] = [
  {
    domain: 'sanitation',
    category: 'request',
    templates: [
      '{p}的垃圾{t}没人清运，臭气熏天，请尽快处理。',
      '{p}垃圾桶满了溢出来，苍蝇蚊子很多，希望增加清运次数。',
      '{p}有人乱倒建筑垃圾，{t}都没人管。',
    ],
  },
  {
    domain: 'utilities',
    category: 'request',
    templates: [
      '{p}{t}停水，家里老人做饭都成问题，请帮忙协调。',
      '{p}自来水发黄有异味，{t}了，担心喝了生病。',
      '{p}下水道堵了，污水漫到路上。',
    ],
  },
  {
    domain: 'traffic',
    category: 'suggestion',
    templates: [
      '{p}路口没有红绿灯，娃娃上学过马路危险，建议设置信号灯。',
      '{p}路面坑洼{t}，下雨天积水，电瓶车容易摔。',
      '建议在{p}增设公交站点，方便群众出行。',
    ],
  },
  {
    domain: 'housing',
    category: 'request',
    templates: [
      '{p}楼顶漏水，{t}物业一直不处理。',
      '{p}电梯经常坏，老年人上下楼困难。',
      '{p}外墙瓷砖脱落，怕砸到人。',
    ],
  },
  {
    domain: 'urban_management',
    category: 'complaint',
    templates: [
      '{p}占道经营{t}，堵得车都过不去。',
      '{p}烧烤摊油烟大，{t}到半夜还在营业。',
      '{p}有违章搭建，影响邻居采光。',
    ],
  },
  {
    domain: 'social_security',
    category: 'consultation',
    templates: [
      '想问一下城乡居民医保在哪里缴费，{p}的网点还办不办？',
      '我家老人的养老金{t}没到账，想咨询一下原因。',
      '灵活就业人员社保怎么参保，需要带什么材料？',
    ],
  },
  {
    domain: 'agriculture',
    category: 'request',
    templates: [
      '{p}的灌溉渠堵了，秧田放不进水，请帮忙疏通。',
      '{p}耕地被人挖沙，庄稼种不成了。',
      '想咨询今年的种粮补贴什么时候发。',
    ],
  },
  {
    domain: 'housing',
    category: 'consultation',
    templates: [
      '想问一下{p}的老旧小区改造什么时候开始，要不要业主出钱？',
      '公租房怎么申请，需要什么条件？',
    ],
  },
  {
    domain: 'urban_management',
    category: 'consultation',
    templates: ['{p}门口能不能摆摊，需要办什么手续？', '想咨询一下{p}的停车位怎么收费。'],
  },
  {
    domain: 'education',
    category: 'consultation',
    templates: [
      '孩子明年上小学，想问{p}附近学校的划片范围。',
      '{p}幼儿园收费太高，想问有没有普惠政策。',
    ],
  },
  {
    domain: 'neighbourhood',
    category: 'request',
    templates: [
      '楼上邻居{t}半夜装修，吵得睡不着，协商不了。',
      '{p}邻居把鸡鸭养在楼道里，味道大，请帮忙调解。',
    ],
  },
  {
    domain: 'environment',
    category: 'complaint',
    templates: ['{p}的小厂{t}晚上偷排废水，河里的鱼都死了。', '{p}工地粉尘大，家里窗户都不敢开。'],
  },
];

/** Texts screening turns away, by the outcome the screener chooses. */
export const EMERGENCIES = [
  '{p}着火了，烟很大，快来人！',
  '{p}有个老人晕倒了，叫不醒，赶紧派救护车！',
  '{p}两辆车撞了，有人受伤躺在地上。',
];
export const LEGAL = [
  '法院判决对方赔我钱，{t}了还不给，请政府帮我执行。',
  '劳动仲裁已经受理了，想让你们帮我催一下仲裁结果。',
  '我对行政处罚决定不服，要求撤销。',
];
export const OUT_OF_SCOPE = [
  '隔壁县的工厂欠我工资，{t}不给。',
  '网购的衣服质量不好，商家在外省，不给退货。',
  '我在外地买的房子开发商延期交房。',
];
export const FALSE_INFO = [
  '听说{p}要拆迁了，每户赔一百万，是不是真的被村干部贪了？',
  '网上说{p}的水被投毒了，大家都不敢喝。',
  '测试测试，123',
];

/** Sichuan speech, as a door-to-door visitor writes it down. */
const DIALECT: [RegExp, string][] = [
  [/没人/g, '莫得人'],
  [/不知道/g, '不晓得'],
  [/怎么/g, '咋个'],
  [/很多/g, '多得很'],
  [/孩子/g, '娃儿'],
];
const TYPOS: [RegExp, string][] = [
  [/处理/g, '处里'],
  [/垃圾/g, '拉圾'],
  [/反映/g, '反应'],
  [/已经/g, '以经'],
  [/协调/g, '协条'],
];
const toTraditional = Converter({ from: 'cn', to: 'tw' });

export function fill(random: SeededRandom, template: string): string {
  return template.replace('{p}', pick(random, PLACES)).replace('{t}', pick(random, SINCE));
}

/** The text as it reaches intake: dialect, typos, Traditional script, each now and then. */
export function vary(random: SeededRandom, text: string): string {
  let varied = text;
  if (random() < 0.25) for (const [from, to] of DIALECT) varied = varied.replace(from, to);
  if (random() < 0.15) for (const [from, to] of TYPOS) varied = varied.replace(from, to);
  if (random() < 0.1) varied = toTraditional(varied);
  return varied;
}

/** A repeat of an earlier demand, as the citizen says it again. */
export function repeatOf(random: SeededRandom, earlier: string): string {
  return `${pick(random, ['又来反映：', '上次说过了，', '再次反映，', ''])}${earlier}${pick(random, ['还是没解决。', '', '请给个说法。'])}`;
}

export { pick };
