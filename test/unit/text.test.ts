import { normaliseDemandText } from '../../domain/text';

const normalised = (text: string): string => normaliseDemandText(text).normalised;

describe('normaliseDemandText', () => {
  it('converts Traditional sentences to Simplified', () => {
    expect(normalised('居民反映社區門口攤販佔道，出入不便')).toBe(
      '居民反映社区门口摊贩占道，出入不便',
    );
    expect(normalised('鄉鎮衛生院醫療設備老舊')).toBe('乡镇卫生院医疗设备老旧');
  });

  it('handles both Hong Kong and Taiwan character forms', () => {
    // 衞 is the Hong Kong form; 著 for 着 and 裡 are Taiwan usages.
    expect(normalised('衞生院門前積水')).toBe('卫生院门前积水');
    expect(normalised('社區裡的老人等著打疫苗')).toBe('社区里的老人等着打疫苗');
    // 著 in 著作 is correct Simplified and must survive.
    expect(normalised('著作權糾紛')).toBe('著作权纠纷');
  });

  it('leaves Simplified text as it is', () => {
    const text = '小区路灯坏了三天，晚上出行不安全。请尽快维修！';
    expect(normalised(text)).toBe(text);
  });

  it('turns full-width letters and digits into ASCII', () => {
    expect(normalised('１２３４５ＡＢＣ')).toBe('12345ABC');
    expect(
      normalised('联系电话：１３８－１２３４－１２３４，邮箱ｗａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ'),
    ).toBe('联系电话：138-1234-1234，邮箱wang@example.cn');
  });

  it('keeps the full-width punctuation proper to Chinese text', () => {
    expect(normalised('为什么（三次）还没修？请回复：谢谢；急！')).toBe(
      '为什么（三次）还没修？请回复：谢谢；急！',
    );
    expect(normalised('“门口”、《通知》。')).toBe('“门口”、《通知》。');
  });

  it('collapses mixed whitespace to single spaces and trims', () => {
    expect(normalised('  路灯\t\t坏了\r\n\n三天\u00A0\u3000了 \u200B ')).toBe('路灯 坏了 三天 了');
  });

  it('removes zero-width spaces inside words instead of splitting them', () => {
    expect(normalised('出\u200B入不便\uFEFF')).toBe('出入不便');
  });

  it('returns the original unchanged', () => {
    const original = ' 居民反映社區門口攤販佔道，出入不便\n１２３ ';
    const result = normaliseDemandText(original);
    expect(result.original).toBe(original);
    expect(result.normalised).toBe('居民反映社区门口摊贩占道，出入不便 123');
  });
});
