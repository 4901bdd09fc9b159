// The answers of the import and reconciliation routes, as the server declares them (docs/api.md).
export type { ImportJob, ImportProblem, ImportStatus } from '../../../../api/src/imports/import-job.js';
export type { Difference, ReconciliationResult } from '../../../../api/src/reconcile/reconciliation.types.js';

export const FINISHED = ['done', 'refused', 'failed'] as const;

export const STATUS_LABEL: Record<string, string> = {
  checking: '正在检查',
  writing: '正在写入',
  done: '导入完成',
  refused: '未导入（有问题）',
  failed: '导入失败',
};
