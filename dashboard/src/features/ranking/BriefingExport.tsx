import { download } from '../../api/client.js';
import { formatMonth } from '../../format.js';
import { ActionGate } from '../../ui/form/ActionGate.js';
import { FormPanel, type FieldSpec } from '../../ui/form/FormPanel.js';
import { briefingPath } from './briefing-request.js';

// 通报 Word: a small form for what the office sets on the document (the 文号 above all) before the
// download. The server keeps the register of 文号: a number taken by another month comes back as a
// refusal beside the button, and what was typed stays.
const FIELDS: readonly FieldSpec[] = [
  { name: 'docPrefix', label: '机关代字', placeholder: '晋危废专办', hint: '文号形如 晋危废专办〔2023〕7号；不填为 晋危废专办' },
  { name: 'docNo', label: '文号序号', kind: 'number', hint: '不填则沿用本月已有的文号，没有则顺排下一号' },
  { name: 'date', label: '成文日期', kind: 'date', hint: '不填为该月最后一天' },
  { name: 'copyTo', label: '抄送', kind: 'textarea', placeholder: '市危险废物领域重大事故隐患专项排查整治工作领导小组各成员单位' },
];

export function BriefingExport({ month, published }: { month: string; published: boolean }) {
  return (
    <ActionGate label="⇩ 通报 Word" testId="briefing-export">
      {(close) => (
        <FormPanel
          title={`${formatMonth(month)}通报`}
          fields={FIELDS}
          submitLabel="确定"
          intro={<p className="muted small">{published ? '本月排名已发布：通报采用发布的排名。' : '本月排名尚未发布：通报标注“草稿”，排名为实时计算结果。'}</p>}
          onSubmit={(v) => download(briefingPath(month, v), `通报-${month}.docx`)}
          onDone={close}
          onCancel={close}
          testId="briefing-form"
        />
      )}
    </ActionGate>
  );
}
