import type { FieldSpec } from '../../ui/form/FormPanel.js';
import type { FormValues } from '../../ui/form/values.js';
import { FINDING_LABEL } from '../../labels.js';

// The seven spot-check problems (B2–B8) as one checkbox each; the body's `findings` is the checked codes.
export const FINDING_CODES = Object.keys(FINDING_LABEL);
const findingField = (code: string) => `findings.${code}`;

export const findingFields: FieldSpec[] = FINDING_CODES.map((c) => ({ name: findingField(c), label: FINDING_LABEL[c], kind: 'checkbox' }));

export const findingsOf = (v: FormValues): string[] => FINDING_CODES.filter((c) => v[findingField(c)] === true);

export const findingValues = (findings: readonly string[]): FormValues => Object.fromEntries(FINDING_CODES.map((c) => [findingField(c), findings.includes(c)]));

export const majorHazardsField: FieldSpec = { name: 'majorHazardsFound', label: '发现重大事故隐患数', kind: 'number', required: true, hint: '0 = 签字无隐患' };
