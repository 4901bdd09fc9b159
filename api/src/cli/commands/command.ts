import type { Env } from '../../config/env.js';

export interface Command {
  options: Record<string, { type: 'string' | 'boolean' }>;
  run(values: Record<string, string | boolean | undefined>, positionals: string[], env: Env): Promise<number>;
}
