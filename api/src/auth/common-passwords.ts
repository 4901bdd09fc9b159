// Passwords of 12 characters or more that lead the published leak lists (the short ones are refused by
// length already), with the keyboard walks and pinyin phrases that Chinese leak lists add. Compared
// lower-cased, so "Password1234" is refused as well.
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '1234567891011', '123123123123', '123451234512345',
  '012345678910', '098765432109', '987654321098', '112233445566', '121212121212', '123412341234', '123321123321',
  '147258369147', '147852369123', '159753159753', '159357159357', '741852963741', '789456123789', '520131452013',
  '131452013145', '520520520520', '1314520131452', '5201314520131', '1q2w3e4r5t6y', '1q2w3e4r5t6y7u', 'q1w2e3r4t5y6',
  '1qaz2wsx3edc', '1qaz2wsx3edc4rfv', '1qazxsw23edc', 'zaq12wsxcde3', 'zaq1xsw2cde3', 'qazwsxedcrfv', 'qazwsxedc123',
  'qwertyuiop12', 'qwertyuiop123', 'qwertyuiopasdf', 'qwertyuiopasdfgh', 'qwerty123456', 'qwerty1234567', 'qwer1234qwer',
  'asdfghjkl123', 'asdfghjkl;\'', 'asdfasdfasdf', 'asdf1234asdf', 'zxcvbnm12345', 'zxcvbnm123456', 'abcd1234abcd',
  'abc123456789', 'abc123abc123', 'abcdefghijkl', 'abcdefghijklm', 'abcdef123456', 'a123456789012', 'aa123456789012',
  'password1234', 'password12345', 'password123456', 'passwordpassword', 'password!234', 'p@ssw0rd1234', 'p@ssword1234',
  'passw0rd1234', 'mypassword123', 'mypassword1234', 'changeme1234', 'changeme123456', 'letmein12345', 'welcome12345',
  'welcome123456', 'iloveyou1234', 'iloveyou123456', 'administrator', 'administrator1', 'administrator123', 'admin1234567',
  'admin123456789', 'adminadmin123', 'adminadminadmin', 'root12345678', 'rootroot1234', 'test12345678', 'testtesttest',
  'football1234', 'baseball1234', 'superman1234', 'princess1234', 'sunshine1234', 'starwars1234', 'trustno11234',
  'woaini1314520', 'woaini131452', 'woaini520520', 'woainiwoaini', 'wo123456789', 'woaini123456', 'aini1314aini',
  'zhang123456789', 'wang123456789', 'li1234567890', 'huang123456789', 'liu1234567890', 'chen123456789',
  'shuaige123456', 'meinv1234567', 'qq1234567890', 'qq123456789qq', 'a5201314a5201314', 'woshishui1234',
  'zhongguo1234', 'zhongguo123456', 'beijing123456', 'shanxi123456', 'jincheng1234', 'jincheng123456',
  'huanbao123456', 'hazard123456', 'computer1234', 'internet1234', 'dragon123456', 'monkey123456', 'master123456',
]);
