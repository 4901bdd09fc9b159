// The Chinese a person reads for an API refusal: one table of the machine codes, and the common validation
// phrasings. The HTTP filter sets every error's `message` from it (the English detail follows in brackets
// for the support desk and for integrators, as safe-zip's refusals do), and the dashboard's forms import
// the same table. Pure, so the dashboard's bundle can take it.

export const CODE_ZH: Record<string, string> = {
  BAD_REQUEST: '填写的内容不符合要求',
  BAD_PARAMETER: '填写的内容不符合要求',
  BAD_REFERENCE: '引用的记录不存在或不适用（请核对编号、统一社会信用代码或单位）',
  BAD_MONTH: '月份不在本专项行动的考核月份内',
  MONTH_OUTSIDE_CAMPAIGN: '月份不在本专项行动的考核月份内',
  BAD_SCHEME: '考核方案的参数不正确',
  NOT_FOUND: '未找到',
  UNKNOWN_RECORD: '记录不存在',
  UNKNOWN_HAZARD: '隐患不存在',
  UNKNOWN_UNIT: '单位不存在',
  UNKNOWN_USER: '用户不存在',
  UNKNOWN_SCHEME: '考核方案版本不存在',
  NOT_PUBLISHED: '该月排名尚未发布',
  ALREADY_PUBLISHED: '该月排名已发布，不能重复发布',
  DOC_NUMBER_TAKEN: '该文号已用于其他月份的通报，请另选序号，或留空由系统顺排',
  CAMPAIGN_OVERLAP: '该专项行动的考核月份与已有行动重叠',
  CONFLICT: '记录已存在（编号重复）或与台账规则冲突',
  ILLEGAL_TRANSITION: '隐患当前的状态不允许此操作',
  OUT_OF_SCOPE: '超出本单位的数据范围，无权操作',
  FORBIDDEN: '当前角色无权进行此操作',
  UNAUTHORIZED: '登录已失效，请重新登录',
  NOT_COUNTY_LEVEL: '交办单位必须是县级单位（县、市、区或开发区）',
  GROUP_LEADER_REQUIRED: '交办隐患的办结销号须由领导小组组长签字',
  DATES_OUT_OF_ORDER: '日期先后顺序不符合规定（发现 ≤ 确认、整改 ≤ 销号等）',
  SIGNER_NOT_MAIN_LEADER: '企业确认须由企业主要负责人签字',
  HAZARD_ALREADY_CONFIRMED: '该隐患已完成两级确认',
  HAZARD_AWAITING_ENTERPRISE_CONFIRMATION: '须先由企业主要负责人确认（企业确认），再进行单位确认',
  HAZARD_NOT_CONFIRMED: '隐患尚未完成两级确认',
  HAZARD_ALREADY_LISTED: '该隐患已挂牌督办',
  HAZARD_ALREADY_ASSIGNED: '该隐患已交办',
  HAZARD_NOT_ASSIGNED: '该隐患未交办，无需反馈',
  HAZARD_ALREADY_PLANNED: '整改方案已制定（期限只能确定一次）',
  HAZARD_PLAN_INCOMPLETE: '整改方案不完整（责任人、措施、资金、期限、应急预案均须填写）',
  HAZARD_ALREADY_RECTIFIED: '该隐患已完成整改',
  HAZARD_NOT_RECTIFIED: '隐患尚未完成整改，不能办结销号',
  HAZARD_ALREADY_CLOSED: '该隐患已办结销号',
  INSPECTION_ALREADY_CORRECTED: '该检查记录已被更正，请更正最新的一条',
  WEAK_PASSWORD: '密码过于简单：至少12个字符，不能是常见密码或同一字符重复',
  WRONG_PASSWORD: '当前密码不正确',
  PASSWORD_MISMATCH: '两次输入的新密码不一致',
  BAD_CREDENTIALS: '用户名或密码不正确',
  ACCOUNT_DISABLED: '账户已停用，请联系市领导小组办公室',
  TOO_MANY_REQUESTS: '尝试次数过多，请稍后再试',
  PAYLOAD_TOO_LARGE: '文件或内容超过大小上限',
  BUNDLE_REFUSED: '数据包被拒收，未写入任何数据',
  IMPORT_BUSY: '另一个导入正在进行，请稍后再试',
  DATABASE_UNAVAILABLE: '台账数据库暂时无法连接，请稍后重试',
  NETWORK: '无法连接服务器',
  INTERNAL: '服务器内部错误，请联系管理员',
};

/** the sentence of a status whose code the table does not know */
const STATUS_ZH: Record<number, string> = {
  400: '请求有误', 401: '登录已失效，请重新登录', 403: '当前角色无权进行此操作', 404: '未找到', 409: '与现有记录或台账规则冲突',
  413: '文件或内容超过大小上限', 429: '尝试次数过多，请稍后再试', 503: '服务暂时不可用，请稍后重试',
};

/** the common validation phrasings (class-validator's and ours) as a clerk reads them */
export const PHRASES_ZH: [RegExp, string][] = [
  [/should not be empty|is required|must not be empty|a required value is missing/, '不能为空'],
  [/must be a number|must be a positive number|must not be less than 0|must be a non-negative/, '须为不小于 0 的数字'],
  [/must be an integer/, '须为整数'],
  [/YYYY-MM-DD|must be a valid ISO 8601|is not a date|does not exist/, '日期须为 YYYY-MM-DD 格式且真实存在'],
  [/after today|in the future/, '日期不能晚于今天'],
  [/must be one of the following values|must be one of/, '须从列表中选择'],
  [/should not exist/, '不是该表单的字段'],
  [/check digit|credit code/, '统一社会信用代码不正确（18位，校验位按 GB 32100-2015）'],
  [/must be longer than or equal to|at least \d+ characters/, '长度不足'],
  [/must be shorter than or equal to/, '长度超出上限'],
];

const HAN = /\p{Script=Han}/u;

/** the Chinese sentence for a refusal: the field's phrase when the message names a field, else the code's, else the status's */
export function refusalSentence(r: { status: number; code: string; message: string; field?: string }): string {
  if (r.field && r.code !== 'WEAK_PASSWORD') for (const [re, zh] of PHRASES_ZH) if (re.test(r.message)) return `${r.field}：${zh}`;
  return CODE_ZH[r.code] ?? STATUS_ZH[r.status] ?? (r.status >= 500 ? CODE_ZH.INTERNAL : '操作未完成');
}

/** the message an API error carries: Chinese first, the English detail in brackets; a message already in Chinese is kept */
export function messageZh(r: { status: number; code: string; message: string; field?: string }): string {
  if (HAN.test(r.message)) return r.message;
  return r.message ? `${refusalSentence(r)}（${r.message}）` : refusalSentence(r);
}
