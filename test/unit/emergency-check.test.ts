import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  DEFAULT_LEXICON_FILE,
  LexiconError,
  createEmergencyCheck,
  loadEmergencyLexicon,
} from '../../server/triage/emergency-check';
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
    ['面包车撞到路边护栏上了，司机卡在车里出不来', '122'],
    ['楼下烧烤店的油烟机着火了，火苗蹿得老高', '119'],
    ['有人在翻墙进隔壁院子，隔壁一家人都出门了', '110'],
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
    '商场门口喇叭天天喊跳楼价甩卖，吵得很',
    '有人在翻垃圾桶，把垃圾扔得满地都是',
    '开发商的人威胁我们，说不签字就停水停电，快来管一下',
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
  describe.each([
    // kind, an emergency happening now, a look-alike that stays a demand
    [
      'poisoning',
      ['隔壁幺妹吃了老鼠药，嘴巴边上全是白沫', '120'],
      '村口小卖部的老鼠药没有标签，想问下哪个部门管',
    ],
    [
      'choking',
      ['我孙孙吃汤圆噎住了，气都出不来', '120'],
      '幼儿园能不能组织家长学一下海姆立克急救知识',
    ],
    [
      'unconscious',
      ['我妈在厨房倒起了，喊不醒，咋个办', '120'],
      '社区卫生站的医生上班时间老是喊不到人',
    ],
    [
      'stroke',
      ['我老汉儿吃饭的时候嘴歪眼斜，话都说不清楚了', '120'],
      '建议社区多搞点中风预防的讲座',
    ],
    ['snakebite', ['我爸在地里遭蛇咬了，脚肿得好大', '120'], '后山蛇多，建议在步道边立个提示牌'],
    ['childbirth', ['我老婆羊水破了，车子又打不燃，救命', '120'], '镇卫生院产科能不能增加夜班医生'],
    ['bleeding', ['切菜把手割了，血止不住，流了一地', '120'], '献血车每个月来几次，想咨询一下'],
    [
      'fall from height',
      ['工地上有个工人从脚手架摔下来了，躺起不动', '120'],
      '脚手架搭得歪歪扭扭的，隐患很大',
    ],
    [
      'drowning',
      ['有个小伙子游泳掉到水库中间去了，一直在往下沉', '119'],
      '水库边的护栏垮了一段，请水务的来修一下',
    ],
    [
      'missing child near water',
      ['我儿子去堰塘边钓鱼，到处找都找不到了，只找到他的鱼竿', '110'],
      '堰塘边上没有警示牌，娃娃放学喜欢去耍',
    ],
    [
      'abduction',
      ['有个男的在校门口把一个女娃娃抱走了，上了辆白色面包车', '110'],
      '学校门口接娃娃的家长太多，交通很乱',
    ],
    [
      'burglary',
      ['对面那家有个贼娃子在翻窗户进去，人还在里头', '110'],
      '小区门禁坏了，外人随便进出，请物业修一下',
    ],
    [
      'robbery',
      ['刚才菜市场有人遭抢了，两个骑摩托的往河边跑了', '110'],
      '菜市场周边路灯不亮，晚上走路怕遭抢，建议加装',
    ],
    [
      'weapon',
      ['楼下两个人喝了酒，一个拿着斧头追着另一个砍', '110'],
      '五金店在门口摆卖刀具斧头，占道经营',
    ],
    [
      'threat to jump',
      ['有个女娃娃坐在大桥栏杆上哭，说想跳下去', '110'],
      '大桥的栏杆太矮了，建议加高',
    ],
    [
      'sparks',
      ['我家电表箱在冒火星，一股烧焦味，快来人', '119'],
      '电表箱的门锁坏了，小娃娃可以打开',
    ],
    ['wildfire', ['对面坡上的松林燃起来了，火往坟山那边走', '119'], '清明上坟烧纸需要到哪里申请'],
    ['gas leak', ['厨房煤气罐阀门嘶嘶响，关都关不上', '119'], '煤气罐充一罐又涨了十块钱'],
    ['collapse', ['老屋的土墙垮了，把我婆婆压在下面了', '119'], '村里那几间老土房没人住，墙有点歪'],
    [
      'landslide',
      ['下大雨后山滑坡了，有两间房子被埋住，里头还有人', '119'],
      '公路边的坡坎有滑坡隐患，请交通局来看下',
    ],
    ['lift', ['电梯卡在两层中间，我奶奶一个人在里头', '119'], '电梯年检标志过期了，物业不管'],
    [
      'overturn',
      ['三轮车在弯道翻到田里了，开车的大爷压在车下面', '122'],
      '那个急弯经常翻车，建议装个凸面镜',
    ],
  ] as Array<[string, [string, string], string]>)('%s', (_kind, [emergency, number], lookAlike) => {
    it(`diverts "${emergency}" to ${number}`, () => {
      expect(numberFor(emergency)).toBe(number);
    });
    it(`does not divert "${lookAlike}"`, () => {
      expect(numberFor(lookAlike)).toBeNull();
    });
  });

  describe.each([
    // cue class, an emergency happening now, look-alikes that stay demands
    [
      'request for an ambulance',
      ['一个老人家突然倒在超市门口，脸色发白，请马上派救护车', '120'],
      ['我们村想申请一辆救护车放在卫生院', '救护车来得太慢，上次等了一个小时'],
    ],
    [
      'request for the police',
      ['我被人关在屋里不准出去，他们还在外面守着，帮我报警', '110'],
      ['我之前报警了也没人管，小区噪音太大', '隔壁装修把墙砸了个洞，快报警也没用吧'],
    ],
    [
      'request for the fire brigade',
      ['仓库那边有股怪味，门也打不开，快打119', '119'],
      ['想问一下打119要不要钱', '消防队的训练场太吵了'],
    ],
    [
      'explosion',
      ['锅炉房那边炸了，有人在喊', '119'],
      ['楼上装修现在电钻声音像爆炸一样', '过年放鞭炮把垃圾桶炸坏了，谁来赔'],
    ],
    [
      'body harm: lying still',
      ['马路边有人躺着一动不动，喊也没有动静', '120'],
      ['现在路上堵车堵得一动不动，希望交警管一下', '我家猫现在一动不动，宠物医院在哪里'],
    ],
    [
      'body harm: pain',
      ['我老婆肚子痛得在地上打滚，出了好多汗', '120'],
      [
        '娃娃在地上打滚要买玩具，商场门口太挤了',
        '我腰不好，早上起不来，现在社区的康复理疗什么时候开',
      ],
    ],
    [
      'body harm: breath',
      ['我妈心口痛，出不了气，请派车来', '120'],
      ['垃圾站臭得人出不了门', '楼道里的气味让人透不过来，要求清理'],
    ],
    [
      'danger with people: breach',
      ['河堤决口了，水往村里灌，老人还在屋里', '119'],
      ['河堤去年决口过，今年要加固', '村里的老房子塌了，还好没人住，请帮忙清理'],
    ],
    [
      'danger with people: pit',
      ['有人掉进了化粪池，现在没有动静了', '119'],
      ['现在化粪池满了溢出来了，臭得很', '小区化粪池盖板松了，请物业换一下'],
    ],
    [
      'attack with a bottle',
      ['有个醉汉拿着酒瓶子到处砸人，快报警', '110'],
      ['烧烤摊的酒瓶子扔得满地都是', '楼上的人往下扔酒瓶，请物业管一下'],
    ],
  ] as Array<[string, [string, string], string[]]>)(
    '%s',
    (_cue, [emergency, number], lookAlikes) => {
      it(`diverts "${emergency}" to ${number}`, () => {
        expect(numberFor(emergency)).toBe(number);
      });
      it.each(lookAlikes)('does not divert "%s"', (lookAlike) => {
        expect(numberFor(lookAlike)).toBeNull();
      });
    },
  );

  it('lets a kind found in the demand decide the number over the service asked for', () => {
    const finding = check(normaliseDemandText('厨房起火了，快报警').normalised);
    expect(finding).toEqual(expect.objectContaining({ number: '119', kind: 'fire' }));
    const request = check(normaliseDemandText('有个人一直跟着我，快报警').normalised);
    expect(request).toEqual(
      expect.objectContaining({
        number: '110',
        kind: 'dispatch_request',
        confidence: 0.7,
        evidence: '快报警',
      }),
    );
  });

  it('reads 救命 and its typo 就命 as a call for help for the whole demand', () => {
    expect(numberFor('就命！老汉儿在院坝头。他呼吸困难，脸色发青')).toBe('120');
    expect(numberFor('老汉儿在院坝头。他呼吸困难，脸色发青')).toBeNull();
    expect(numberFor('家里娃娃在楼道头跑，有烟子。就命啊')).toBe('119');
    expect(numberFor('楼道头有烟子，说是楼下在熏腊肉')).toBeNull();
  });

  it('keeps an averted danger from being diverted', () => {
    expect(numberFor('今天一个娃娃差点掉进河里，幸好被大人拉住了')).toBeNull();
    expect(numberFor('一辆货车差点翻到沟里，路边的护栏要修')).toBeNull();
  });

  it('names the phrases of a pair as its evidence', () => {
    const finding = check(normaliseDemandText('我屋头的娃娃不见了，到处都找不到').normalised);
    expect(finding).toEqual(
      expect.objectContaining({ number: '110', kind: 'child_missing', confidence: 0.9 }),
    );
    const pair = check(normaliseDemandText('我家三岁的孩子在公园走丢了').normalised);
    expect(pair).toEqual(
      expect.objectContaining({ kind: 'child_missing', confidence: 0.8, evidence: '孩子…走丢' }),
    );
  });
});

describe('loadEmergencyLexicon', () => {
  const brokenCopy = (change: (data: Record<string, unknown>) => void) => {
    const data = JSON.parse(readFileSync(DEFAULT_LEXICON_FILE, 'utf8')) as Record<string, unknown>;
    change(data);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'emergency-lexicon-')), 'lexicon.json');
    writeFileSync(file, JSON.stringify(data));
    return file;
  };
  const emergencies = (data: Record<string, unknown>) =>
    data.emergencies as Array<Record<string, unknown>>;

  it('refuses a lexicon without calls for help', () => {
    const file = brokenCopy((data) => delete data.helpCalls);
    expect(() => loadEmergencyLexicon(file)).toThrow(LexiconError);
    expect(() => loadEmergencyLexicon(file)).toThrow(/helpCalls must be a list of phrases/);
  });

  it('refuses a pair with an empty side', () => {
    const file = brokenCopy((data) => {
      emergencies(data)[0]!.pairs = [{ any: ['火'], with: [] }];
    });
    expect(() => loadEmergencyLexicon(file)).toThrow(/emergencies\[0\]\.pairs\[0\] needs/);
  });

  it('refuses a dispatch request without a valid number', () => {
    const file = brokenCopy((data) => {
      (data.dispatchRequests as Array<Record<string, unknown>>)[0]!.number = '999';
    });
    expect(() => loadEmergencyLexicon(file)).toThrow(/dispatchRequests\[0\] needs a number/);
  });

  it('refuses a learned-net threshold that is no probability above one half', () => {
    const file = brokenCopy((data) => {
      (data.learnedNet as Record<string, unknown>).threshold = 0.3;
    });
    expect(() => loadEmergencyLexicon(file)).toThrow(/learnedNet\.threshold/);
  });

  it('refuses a kind without pairs', () => {
    const file = brokenCopy((data) => delete emergencies(data)[1]!.pairs);
    expect(() => loadEmergencyLexicon(file)).toThrow(/emergencies\[1\]\.pairs must be a list/);
  });
});
