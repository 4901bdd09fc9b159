// The default campaign's units (domain.md section 2): Jincheng's city bureau, its six counties
// (GB/T 2260 codes) and the development zone, whose code is local (hence the KF suffix).

export type UnitLevel = 'province' | 'city' | 'county' | 'zone';

export interface UnitSeed {
  code: string;
  name: string;
  level: UnitLevel;
  /** null for the top of a tree (the city itself when Jincheng stands alone) */
  parentCode: string | null;
}

export const JINCHENG_CITY_CODE = '140500';

export const JINCHENG_UNITS: readonly UnitSeed[] = [
  { code: '140500', name: '晋城市', level: 'city', parentCode: null },
  { code: '140502', name: '城区', level: 'county', parentCode: '140500' },
  { code: '140521', name: '沁水县', level: 'county', parentCode: '140500' },
  { code: '140522', name: '阳城县', level: 'county', parentCode: '140500' },
  { code: '140524', name: '陵川县', level: 'county', parentCode: '140500' },
  { code: '140525', name: '泽州县', level: 'county', parentCode: '140500' },
  { code: '140581', name: '高平市', level: 'county', parentCode: '140500' },
  { code: '140500KF', name: '晋城经济技术开发区', level: 'zone', parentCode: '140500' },
];

/** county-level = scored and ranked (domain.md section 2) */
export function isCountyLevel(level: UnitLevel): boolean {
  return level === 'county' || level === 'zone';
}
