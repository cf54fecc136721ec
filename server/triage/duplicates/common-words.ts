/**
 * A background document frequency for matter words, shared by every comparison: with only one
 * or two candidates at a place, rarity among them cannot tell "路灯" from "老人" (both appear
 * once or twice). These words turn up in demands of every kind, so sharing them says little
 * about the matter (sameThingSameTrouble never takes one for the thing in trouble); each is
 * listed with the share of demands it is written into about (hand
 * estimates from how citizens write, not counts of any data set). A word not listed counts as
 * rare (UNLISTED_SHARE): the name of a thing or a trouble.
 */

/** Share of demands a word not listed below is assumed to appear in: a thing's or a trouble's name. */
export const UNLISTED_SHARE = 0.02;

// Words of people, time, manner and pleas that any kind of demand carries.
const VERY_COMMON = (
  '老人 老年人 孩子 娃娃 群众 村民 居民 业主 住户 家里 屋头 我家 楼上 楼下 小区 村里 晚上 白天 ' +
  '早上 半夜 凌晨 今天 每次 一直 好几 好久 多月 多天 一个多 星期 个月 不方便 方便 出门 影响 ' +
  '严重 危险 安全 不敢 没有 没人 有人 不管 管 看 找 反映 联名 来信 扫码 走访 入户 下班 回来 ' +
  '修 修一下 弄 搞 搞好 帮 安排 派 建议 希望 恢复 整治 检查 部门 社区 镇上 村委会 物业'
).split(' ');

// Everyday things and places many different matters happen at or near.
const COMMON = (
  '路 路上 道路 马路 门 大门 楼 楼道 窗户 车 车辆 大车 电瓶车 摩托车 水 电 钱 东西 地方 房子 ' +
  '学生 学校 上学 看病 生活 休息 睡觉 吃 用 走 过 停 排 脏 乱 难 差 多 大 小 新 旧'
).split(' ');

// Characters too common to say anything alone.
const COMMON_CHARACTERS =
  '人 家 村 路 门 楼 车 水 大 小 上 下 里 天 年 月 时 多 老 好 没 有 来 去'.split(' ');

const SHARES = new Map<string, number>([
  ...VERY_COMMON.map((word) => [word, 0.3] as const),
  ...COMMON.map((word) => [word, 0.12] as const),
  ...COMMON_CHARACTERS.map((char) => [`·${char}`, 0.3] as const),
]);

const idf = (share: number) => Math.log(1 + 1 / share);

/**
 * How rare 0..1 a matter word (or "·"-prefixed character) is in demands at large: the inverse
 * document frequency of its listed share over that of a word not listed, 1 when not listed.
 */
export function backgroundRarity(word: string): number {
  const share = SHARES.get(word);
  return share === undefined ? 1 : idf(share) / idf(UNLISTED_SHARE);
}
