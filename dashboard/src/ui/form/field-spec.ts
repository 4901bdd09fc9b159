// A form field described as data (FormPanel draws it).

export type FieldKind = 'text' | 'date' | 'number' | 'select' | 'textarea' | 'checkbox' | 'list' | 'password' | 'file';

export interface FieldSpec {
  /** the API body field (camelCase): a 400 naming it is shown here */
  name: string;
  /** the domain's Chinese term */
  label: string;
  kind?: FieldKind;
  options?: readonly { value: string; label: string }[];
  required?: boolean;
  hint?: string;
  placeholder?: string;
  /** for kind 'file': the accepted types, e.g. '.zip,.xlsx' */
  accept?: string;
  /** for kind 'text': values offered while typing (a <datalist>); anything else may still be typed */
  suggestions?: readonly string[];
}
