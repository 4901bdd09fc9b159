// The unit tree for each scale. City = Jincheng as it is; province = a Shanxi-like province (its
// real eleven cities, Jincheng with its real counties, the others with synthetic GB/T 2260-like
// counties); nation = ~31 provinces of synthetic cities and counties, Shanxi among them.
import { JINCHENG_CITY_CODE, JINCHENG_UNITS, type UnitLevel } from '../jincheng-units.js';
import { Rng } from './prng.js';
import { placeName } from './names.js';

export type Scale = 'city' | 'province' | 'nation';

export interface UnitNode {
  code: string;
  name: string;
  level: UnitLevel;
  parentCode: string | null;
  children: UnitNode[];
}

function jincheng(parentCode: string | null): UnitNode {
  const [city, ...rest] = JINCHENG_UNITS;
  return { ...city, parentCode, children: rest.map((u) => ({ ...u, children: [] })) };
}

/** GB/T 2260 habit: districts from 02, counties from 21, county-level cities from 81; one zone (KF) */
function syntheticCity(rng: Rng, code: string, name: string, parentCode: string, countyLevel: number): UnitNode {
  const taken = new Set<string>();
  const children: UnitNode[] = [];
  const prefix = code.slice(0, 4);
  const hasZone = countyLevel > 3 && rng.chance(0.8);
  const n = countyLevel - (hasZone ? 1 : 0);
  const districts = Math.max(1, Math.round(n * 0.25));
  const cities = n - districts > 3 ? rng.int(0, 2) : 0;
  for (let i = 0; i < n; i++) {
    const place = placeName(rng, taken);
    let cc: string;
    let unitName: string;
    if (i < districts) [cc, unitName] = [String(2 + i).padStart(2, '0'), place + '区'];
    else if (i < n - cities) [cc, unitName] = [String(21 + i - districts), place + '县'];
    else [cc, unitName] = [String(81 + i - (n - cities)), place + '市'];
    children.push({ code: prefix + cc, name: unitName, level: 'county', parentCode: code, children: [] });
  }
  if (hasZone) children.push({ code: code + 'KF', name: name.replace(/市$/, '') + '经济技术开发区', level: 'zone', parentCode: code, children: [] });
  return { code, name, level: 'city', parentCode, children };
}

const SHANXI_CITIES = ['太原市', '大同市', '阳泉市', '长治市', '晋城市', '朔州市', '晋中市', '运城市', '忻州市', '临汾市', '吕梁市'];

/** Shanxi-like: 11 cities, ~117 county-level units */
function shanxi(rng: Rng): UnitNode {
  const children = SHANXI_CITIES.map((name, i) => {
    const code = `14${String(i + 1).padStart(2, '0')}00`;
    if (code === JINCHENG_CITY_CODE) return jincheng('140000');
    return syntheticCity(rng, code, name, '140000', rng.int(8, 14));
  });
  return { code: '140000', name: '山西省', level: 'province', parentCode: null, children };
}

const PROVINCES: ReadonlyArray<[string, string]> = [
  ['11', '北京市'], ['12', '天津市'], ['13', '河北省'], ['14', '山西省'], ['15', '内蒙古自治区'],
  ['21', '辽宁省'], ['22', '吉林省'], ['23', '黑龙江省'], ['31', '上海市'], ['32', '江苏省'],
  ['33', '浙江省'], ['34', '安徽省'], ['35', '福建省'], ['36', '江西省'], ['37', '山东省'],
  ['41', '河南省'], ['42', '湖北省'], ['43', '湖南省'], ['44', '广东省'], ['45', '广西壮族自治区'],
  ['46', '海南省'], ['50', '重庆市'], ['51', '四川省'], ['52', '贵州省'], ['53', '云南省'],
  ['54', '西藏自治区'], ['61', '陕西省'], ['62', '甘肃省'], ['63', '青海省'], ['64', '宁夏回族自治区'],
  ['65', '新疆维吾尔自治区'],
];

/** splits total into n skewed (lognormal) parts within [min, max], so the totals hold for every seed */
function apportion(rng: Rng, n: number, total: number, sigma: number, min: number, max: number): number[] {
  const weights = Array.from({ length: n }, () => rng.lognormal(1, sigma));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.min(max, Math.max(min, Math.round((w / sum) * total))));
}

/** ~31 provinces, ~340 cities, ~2,850 county-level units (Shanxi's 11 and 117 among them) */
function nation(rng: Rng): UnitNode[] {
  const others = PROVINCES.filter(([p]) => p !== '14');
  const cityCounts = apportion(rng, others.length, 340 - 11, 0.35, 3, 21);
  const countyCounts = apportion(rng, cityCounts.reduce((a, b) => a + b, 0), 2850 - 117, 0.4, 3, 30);
  let nextCity = 0;
  return PROVINCES.map(([p, name]) => {
    if (p === '14') return shanxi(rng);
    const code = `${p}0000`;
    const taken = new Set<string>();
    const children = Array.from({ length: cityCounts[others.findIndex(([q]) => q === p)] }, (_, i) => {
      const cityCode = `${p}${String(i + 1).padStart(2, '0')}00`;
      return syntheticCity(rng, cityCode, placeName(rng, taken) + '市', code, countyCounts[nextCity++]);
    });
    return { code, name, level: 'province' as const, parentCode: null, children };
  });
}

export function unitTree(scale: Scale, seed: number): UnitNode[] {
  const rng = new Rng(seed, `units:${scale}`);
  if (scale === 'city') return [jincheng(null)];
  if (scale === 'province') return [shanxi(rng)];
  return nation(rng);
}

/** every unit, parents before children */
export function* walkUnits(roots: readonly UnitNode[]): Generator<UnitNode> {
  for (const u of roots) {
    yield u;
    yield* walkUnits(u.children);
  }
}
