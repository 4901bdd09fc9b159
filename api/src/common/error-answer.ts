import { s } from '../../../analytics/src/json-schema.js';

/**
 * The body of every refusal (http-exception.filter.ts writes it; the OpenAPI document describes it from
 * the schema below): `code` for the machine, `message` in Chinese for the person (the English detail in
 * brackets), `field` when one body or query field is at fault, `problems` when a bundle is refused.
 */
export interface ErrorAnswer {
  statusCode: number;
  code: string;
  message: string;
  field?: string;
  problems?: string[];
}

export const errorAnswerSchema = s.named('ErrorAnswer', s.object<ErrorAnswer>({
  statusCode: s.integer({ description: 'the HTTP status again' }),
  code: s.string({ description: 'what went wrong, for the machine: UNKNOWN_HAZARD, HAZARD_ALREADY_CLOSED, BAD_PARAMETER, FORBIDDEN, DATABASE_UNAVAILABLE …' }),
  message: s.string({ description: '说明（中文），英文细节在括号内 / what was wrong, where, and what to do' }),
  field: s.optional(s.string({ description: 'the body or query field at fault (fundsWan, items[0].x), for a form to show the message beside it' })),
  problems: s.optional(s.array(s.string(), { description: 'a refused bundle: every problem, file:line:column message' })),
}));
