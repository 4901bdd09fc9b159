// Chinese names and ledger wording. Lists are short on purpose: combinations give enough variety,
// and a fixed list keeps the output stable from one version of the generator to the next.
import type { Rng } from './prng.js';

const SURNAMES = [...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟段雷钱汤尹常武乔贺牛原申靳晋畅'];
const GIVEN_TWO = ['建国', '建军', '志强', '海燕', '丽娟', '国庆', '卫东', '永刚', '晓明', '红梅', '秀英', '桂兰', '文华', '俊杰', '秀兰', '桂英', '建华', '志刚', '玉兰', '海波', '晓东', '立新', '振华', '宏伟', '春生', '建平', '利军', '学文', '晋生', '爱民', '丽华', '小红', '鹏飞', '子涵', '雨婷', '浩然', '晓燕', '跃进', '三喜', '满仓', '瑞芳', '永红', '保平', '国强', '兴旺', '文斌', '志军', '海军'];
const GIVEN_ONE = [...'伟芳娜敏静强磊军洋勇艳杰涛明超霞平刚辉鹏华斌波宁琳雪亮峰瑞斌凯'];

/** a person's name such as 王建国 or 李敏 */
export function personName(rng: Rng): string {
  const given = rng.chance(0.7) ? rng.pick(GIVEN_TWO) : rng.pick(GIVEN_ONE);
  return rng.pick(SURNAMES) + given;
}

/** a name not yet in `taken` (adds it); people on one roster must differ */
export function distinctPerson(rng: Rng, taken: Set<string>): string {
  for (let i = 0; ; i++) {
    let name = personName(rng);
    if (i > 20) name += i; // only reachable for a roster far larger than any we make
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

const TRADE_HEAD = [...'恒鑫宏晋泰华瑞永金天润正盛利丰宇康德新汇昌中凯鼎兴隆通富安'];
const TRADE_TAIL = [...'源达泰昌盛丰通远兴业利华宇鑫隆发顺安广成和祥嘉瑞茂'];

export const INDUSTRY_WORDS: Readonly<Record<string, readonly string[]>> = {
  steel: ['钢铁', '铸造', '冶金', '特钢', '铸业'],
  power: ['电力', '发电', '热电', '能源'],
  coal_chemical: ['煤化工', '焦化', '化工', '煤气化'],
  coal_mining: ['煤业', '煤矿', '洗煤', '矿业'],
  building_materials: ['水泥', '建材', '新型建材', '陶瓷'],
  hw_operator: ['环保科技', '固废处置', '再生资源', '危废处置', '环境服务'],
  medical_waste: ['医疗废物处置', '医废处置'],
  other: ['机械制造', '汽车修理', '印刷', '电子科技', '精细化工', '制药', '铝业'],
};

/** 泽州县恒达化工有限公司; `place` is the county's name, or the city's for a zone */
export function enterpriseName(rng: Rng, place: string, industry: string): string {
  const trade = rng.pick(TRADE_HEAD) + rng.pick(TRADE_TAIL);
  const suffix = rng.weighted({ 有限公司: 6, 有限责任公司: 3, 股份有限公司: 1 });
  return place + trade + rng.pick(INDUSTRY_WORDS[industry]) + suffix;
}

// Synthetic place names for the province and nation scales.
const PLACE_HEAD = [...'安宁平阳泉山河城江兴德汾云朔临吕长源华宜丰昌乐武清定孝灵和襄蒲沁黎盂寿介祁岢'];
const PLACE_TAIL = [...'阳城州原安平宁山泉源川水丘林乡陵峰谷关岚县石台'];
export function placeName(rng: Rng, taken: Set<string>): string {
  for (;;) {
    const name = rng.pick(PLACE_HEAD) + rng.pick(PLACE_TAIL);
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

/** categories (类别) of hazards; 回头看 compares them exactly, so they are a closed list here */
export const CATEGORIES = ['贮存', '利用', '处置', '转移联单', '收集', '运输', '标识标签', '台账管理', '应急物资', '混合贮存', '防渗漏', '超期贮存'];

const DESCRIPTIONS: Readonly<Record<string, readonly string[]>> = {
  贮存: ['危险废物贮存库房防渗层破损，存在泄漏风险', '贮存设施未设置导流沟和收集池'],
  利用: ['综合利用设施运行不正常，二次污染防治措施缺失', '利用工艺与环评批复不一致'],
  处置: ['焚烧处置设施烟气在线监测数据异常', '处置能力超负荷运行'],
  转移联单: ['危险废物转移未执行电子联单制度', '转移联单记载数量与实际不符'],
  收集: ['收集容器破损，未分类收集', '收集点未落实防雨防渗措施'],
  运输: ['委托无资质单位运输危险废物', '运输车辆未配备应急物资'],
  标识标签: ['贮存场所未按规定设置危险废物识别标志', '包装容器标签信息缺失'],
  台账管理: ['危险废物管理台账记录不全', '未按规定申报危险废物产生情况'],
  应急物资: ['应急物资储备不足，吸附材料过期', '未配备事故应急池'],
  混合贮存: ['不相容危险废物混合贮存', '危险废物与一般固废混合堆放'],
  防渗漏: ['废液储罐区围堰破损', '地面硬化开裂，防渗失效'],
  超期贮存: ['危险废物贮存超过一年未处置', '超期贮存废矿物油'],
};
export function hazardDescription(rng: Rng, category: string): string {
  return rng.pick(DESCRIPTIONS[category]);
}

// A few measures carry an ASCII comma on purpose, so every bundle exercises RFC 4180 quoting.
const MEASURES = ['更换防渗材料并重新硬化地面', '完善标识标签，规范台账', '委托有资质单位转移处置', '停用相关设施，限期整改', '按HJ 1276-2022, 设置识别标志', '修订应急预案并组织演练', '增设导流沟和收集池'];
export function measures(rng: Rng): string {
  return rng.pick(MEASURES);
}

export const CONTINGENCY = ['已制定专项应急预案', '纳入企业突发环境事件应急预案', '现场处置方案已公开'];

export const PROGRESS = ['已制定整改方案，正在推进', '整改推进中，已完成约一半', '整改设施已进场施工', '已整改完毕，待验收', '已完成整改，申请销号'];
