import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../../dashboard/src/api/api-error.js';
import { refusalZh } from '../../../dashboard/src/ui/form/refusal-zh.js';
import { isDate, list, num, text } from '../../../dashboard/src/ui/form/values.js';

describe('form kit', () => {
  it('takes only real calendar days typed as YYYY-MM-DD', () => {
    expect(['2023-08-31', '2024-02-29'].map(isDate)).toEqual([true, true]);
    expect(['2023-02-29', '2023-8-1', '2023/08/01', '2023-13-01', ''].map(isDate)).toEqual([false, false, false, false, false]);
  });

  it('says a refusal in Chinese: the field phrase first, then the code', () => {
    expect(refusalZh(new ApiError(400, 'BAD_REQUEST', 'fundsWan must be a number conforming to the specified constraints', 'fundsWan'))).toBe('须为不小于 0 的数字');
    expect(refusalZh(new ApiError(409, 'HAZARD_NOT_RECTIFIED', 'hazard X is not rectified'))).toBe('隐患尚未完成整改，不能办结销号');
    expect(refusalZh(new ApiError(403, 'GROUP_LEADER_REQUIRED', 'x'))).toContain('组长');
    expect(refusalZh(new ApiError(403, 'SOMETHING_NEW', 'x'))).toBe('当前角色无权进行此操作');
    expect(refusalZh(new ApiError(409, 'SOMETHING_NEW', 'x'))).toBe('操作未完成（SOMETHING_NEW）');
  });

  it('turns typed text into the body: empty is absent, lists split on either semicolon', () => {
    const v = { a: '  ', b: ' 12.5 ', c: '张三；李四; 王五', d: true };
    expect([text(v, 'a'), num(v, 'b'), list(v, 'c')]).toEqual([undefined, 12.5, ['张三', '李四', '王五']]);
  });
});
