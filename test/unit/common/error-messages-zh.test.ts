import { describe, expect, it } from '@jest/globals';
import { messageZh } from '../../../api/src/common/error-messages-zh.js';

describe('the Chinese message of an API error', () => {
  it('says the code in Chinese and keeps the English detail in brackets', () => {
    expect(messageZh({ status: 404, code: 'UNKNOWN_HAZARD', message: 'no hazard with ledger number X' })).toBe('隐患不存在（no hazard with ledger number X）');
  });

  it('names the refused field with the phrase a clerk understands', () => {
    expect(messageZh({ status: 400, code: 'BAD_REQUEST', message: 'signedBy should not be empty', field: 'signedBy' })).toBe('signedBy：不能为空（signedBy should not be empty）');
  });

  it('falls back to the status for a code it does not know, and keeps a message already in Chinese', () => {
    expect(messageZh({ status: 409, code: 'SOMETHING_NEW', message: 'x' })).toBe('与现有记录或台账规则冲突（x）');
    expect(messageZh({ status: 500, code: 'WHATEVER', message: '' })).toBe('服务器内部错误，请联系管理员');
    expect(messageZh({ status: 409, code: 'IMPORT_BUSY', message: '另一个导入正在进行（another import）' })).toBe('另一个导入正在进行（another import）');
  });
});
