import { describe, expect, it } from '@jest/globals';
import { problemZh } from '../../api/src/imports/problem-zh.js';

// Messages as the bundle's checks word them (api/src/bundle), each with the kind a clerk should read.
const CASES: [string, string][] = [
  ['unknown file; a bundle folder holds only units.csv, enterprises.csv', '未知文件'],
  ['unknown column; hazards.csv has the columns ledger_no, …', '未知列'],
  ['required column is missing from the header', '缺少必填列'],
  ['required value is missing', '缺少必填值'],
  ['"2023-02-30" is a date that does not exist', '日期不存在'],
  ['"2023/02/03" is not a date written YYYY-MM-DD', '日期格式错误'],
  ['credit code "91140502L12TH3BJ3X" fails the GB 32100-2015 check digit (expected "R", found "X")', '统一社会信用代码校验位错误'],
  ['duplicate key: "JC-1" is also on line 4', '重复键'],
  ['enterprise "91140502L12TH3BJ3R" is not in enterprises.csv nor in the database', '引用不存在'],
  ['2023-06-20 is before the hazard was found (found_on 2023-06-21)', '日期先后顺序错误'],
  ['inspection I1 is dated 2023-07-01, after the hazard was found (found_on 2023-06-21)', '日期先后顺序错误'],
  ['closed without rectified_on: a hazard is closed (销号) only once rectified', '未整改即销号'],
  ['"maybe" is not a boolean (true/false, 1/0, 是/否)', '不是布尔值'],
  ['"rumour" is not one of self_check, enforcement', '取值不在允许的范围内'],
  ['-3 is negative', '不能为负数'],
  ['a formula (=TODAY()) is not accepted; type the value', '单元格含公式'],
  ['refused: the archive would inflate to more than 50 MB', '压缩文件被拒收'],
  ['belongs to 沁水县 (140521), not to 泽州县 (140525): a county branch imports only its own unit\'s records', '不属于本单位的记录'],
];

describe('Chinese explanations of bundle problems', () => {
  it.each(CASES)('%s → %s', (message, zh) => {
    expect(problemZh(message)).toContain(zh);
  });

  it('falls back to a general advice for a message it does not know', () => {
    expect(problemZh('something new')).toBe('请按提示修改后重新导入');
  });
});
