import type { TownshipKind } from './types';

/**
 * Fixed word lists for the demo district. Names are invented but shaped like real ones in
 * south-west China (街道 in town, 镇 and 乡 in the country, 王家坝村, 滨河路社区, …) so that
 * screens and exports look like what staff know.
 */

export interface TownshipSeed {
  stem: string;
  kind: TownshipKind;
  /** 乡 or 镇 for townships, 街道 for streets. */
  suffix: '街道' | '镇' | '乡';
}

/** Word lists are written as one space-separated string so they stay readable as a block. */
const words = (list: string): string[] => list.split(' ');

const street = (stem: string): TownshipSeed => ({ stem, kind: 'street', suffix: '街道' });
const town = (stem: string): TownshipSeed => ({ stem, kind: 'township', suffix: '镇' });
const xiang = (stem: string): TownshipSeed => ({ stem, kind: 'township', suffix: '乡' });

/** 22 townships/streets, listed as official rosters do: streets first, then towns, then 乡. */
export const TOWNSHIP_SEEDS: readonly TownshipSeed[] = [
  ...['东城', '西城', '南城', '北城', '江北', '滨江'].map(street),
  ...words('青山 白马 清水 龙泉 石门 金桥 桃园 平安 双河 柏林 凤凰 大兴').map(town),
  ...['梨花', '茶坪', '高峰', '云台'].map(xiang),
];

const SURNAMES = ['王', '李', '张', '陈', '杨', '刘', '赵', '黄', '周', '吴', '何', '罗'];
const FAMILY_PLACES = ['坝', '湾', '沟', '坪', '岭', '河', '院', '营', '寨', '嘴'];
const NATURE = ['石', '新', '柳', '松', '桂', '杏', '槐', '竹', '梅', '桐', '枫', '龙', '凤', '鹤'];
const LANDFORMS = ['坪', '桥', '岭', '山', '河', '林', '塘', '垭', '坡', '田', '岩', '溪'];

/** 288 distinct village stems: 王家坝, 李家湾, … and 石坪, 新桥, … */
export const VILLAGE_STEMS: readonly string[] = [
  ...SURNAMES.flatMap((surname) => FAMILY_PLACES.map((place) => `${surname}家${place}`)),
  ...NATURE.flatMap((word) => LANDFORMS.map((form) => `${word}${form}`)),
];

const COMMUNITY_WORDS = words(
  '滨河 文庙 翠屏 望江 玉堂 书院 学府 锦江 朝阳 红旗 五一 育才 金山 银杏 白塔 兴文 和平 光明 建设 人民',
);
const COMMUNITY_FORMS = ['', '路', '街', '坊', '苑'];

/** 100 distinct community stems: 滨河, 滨河路, 滨河街, … */
export const COMMUNITY_STEMS: readonly string[] = COMMUNITY_WORDS.flatMap((word) =>
  COMMUNITY_FORMS.map((form) => `${word}${form}`),
);

const ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 第一网格, 第二网格, … (1-based). */
export function gridName(position: number): string {
  return `第${ORDINALS[position - 1] ?? String(position)}网格`;
}
