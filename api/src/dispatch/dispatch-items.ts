// The dispatch table's items in the attachment's order, with its Chinese labels (domain.md section 5).
export interface DispatchItem {
  key: string;
  section: 'A' | 'B' | 'C';
  label: string;
}

export const DISPATCH_SECTIONS = {
  A: '一、重大事故隐患排查整治情况',
  B: '二、部门抽查检查情况',
  C: '三、执法情况',
} as const;

export const DISPATCH_ITEMS: DispatchItem[] = [
  { key: 'A1', section: 'A', label: '企业自查发现重大事故隐患（项）' },
  { key: 'A2', section: 'A', label: '其中已完成整改（项）' },
  { key: 'A3', section: 'A', label: '部门执法检查发现重大事故隐患（项）' },
  { key: 'A4', section: 'A', label: '其中已完成整改（项）' },
  { key: 'A5', section: 'A', label: '群众举报重大事故隐患（项）' },
  { key: 'A6', section: 'A', label: '其中已完成整改（项）' },
  { key: 'A7', section: 'A', label: '上级交办重大事故隐患（项）' },
  { key: 'A8', section: 'A', label: '其中已完成整改（项）' },
  { key: 'A9', section: 'A', label: '政府部门挂牌督办重大事故隐患（项）' },
  { key: 'A10', section: 'A', label: '其中已完成整改（项）' },
  { key: 'B1', section: 'B', label: '部门抽查检查的企业总数（家）' },
  { key: 'B2', section: 'B', label: '主要负责人未亲自研究部署排查整治工作（家）' },
  { key: 'B3', section: 'B', label: '主要负责人未带队检查（家）' },
  { key: 'B4', section: 'B', label: '未制定分管负责人安全生产职责清单（家）' },
  { key: 'B5', section: 'B', label: '未建立安全管理机构、未配足安全管理人员（家）' },
  { key: 'B6', section: 'B', label: '特种作业人员无证上岗（家）' },
  { key: 'B7', section: 'B', label: '外包外租安全管理混乱（家）' },
  { key: 'B8', section: 'B', label: '未按规定开展应急演练、员工不熟悉逃生出口（家）' },
  { key: 'C1', section: 'C', label: '帮扶指导重点市、县（个次）' },
  { key: 'C2', section: 'C', label: '帮扶指导重点企业（家次）' },
  { key: 'C3_count', section: 'C', label: '行政处罚（次）' },
  { key: 'C3_amount_wan', section: 'C', label: '行政处罚（万元）' },
  { key: 'C4', section: 'C', label: '一案双罚（次）' },
  { key: 'C5', section: 'C', label: '移送司法机关（人）' },
  { key: 'C6_suspended', section: 'C', label: '责令停产整顿（家）' },
  { key: 'C6_closed', section: 'C', label: '关闭取缔（家）' },
  { key: 'C7', section: 'C', label: '曝光、约谈、联合惩戒企业（家）' },
  { key: 'C8_cases', section: 'C', label: '公布典型执法案例（个）' },
  { key: 'C8_crime_cases', section: 'C', label: '其中危险作业罪（个）' },
  { key: 'C9', section: 'C', label: '责任倒查追究问责（人）' },
  { key: 'C10', section: 'C', label: '约谈通报有关市县及部门（次）' },
];
