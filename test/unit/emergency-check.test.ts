import { createEmergencyCheck, loadEmergencyLexicon } from '../../server/triage';
import { normaliseDemandText } from '../../domain/text';

/** The shipped lexicon, read as the server reads it. */
const check = createEmergencyCheck(loadEmergencyLexicon());
const numberFor = (text: string) => check(normaliseDemandText(text).normalised)?.number ?? null;

describe('emergency check (server/triage/emergency-lexicon.json)', () => {
  it.each([
    ['我家楼下着火了，火很大，快来人', '119'],
    ['小区3栋厨房起火了！', '119'],
    ['单元楼道里闻到很大的煤气味，现在还在漏', '119'],
    ['家里天然气泄漏了怎么办', '119'],
    ['电梯突然停了，有人被困在里面', '119'],
    ['我被困在电梯里了，请帮帮我', '119'],
    ['菜市场门口两伙人打起来了，有人持刀', '110'],
    ['现在有人站在楼顶上说要跳楼', '110'],
    ['我父亲刚刚晕倒了，叫不醒', '120'],
    ['路口刚才发生车祸，一辆电动车被撞了', '122'],
    ['國道上兩車相撞，剛剛發生的，有人受傷', '122'],
  ])('diverts "%s" to %s', (text, number) => {
    expect(numberFor(text)).toBe(number);
  });

  it.each([
    '去年小区着火以后，物业一直没有修好烧坏的门',
    '小区消防通道被私家车堵住，着火了消防车都进不来',
    '楼道里的灭火器过期了，发生火灾怎么办',
    '我们小区燃气管道老化，担心会燃气泄漏',
    '燃气费涨价了，每月多收好几十块',
    '120急救车收费太高，送一次医院要三百块',
    '电梯经常困人，要求物业尽快维修',
    '邻居经常打架吵闹，影响休息',
    '楼顶漏水，家里天花板都湿了',
    '楼顶有人搭建违章建筑',
    '上个月的交通事故理赔到现在还没处理',
    '建议在学校门口设置减速带，容易发生车祸',
    '前几天晚上有人在小区门口打架，至今没有处理结果',
    '社区组织消防演练，噪音很大',
  ])('does not divert the look-alike "%s"', (text) => {
    expect(numberFor(text)).toBeNull();
  });

  it('finds an emergency in one sentence despite a look-alike in another', () => {
    const finding = check(
      normaliseDemandText('我一直投诉消防通道被堵。现在楼下着火了，快来人！').normalised,
    );
    expect(finding).toEqual(
      expect.objectContaining({ number: '119', kind: 'fire', evidence: '着火了' }),
    );
    expect(finding?.message).toMatch(/请立即拨打119/);
  });
});
