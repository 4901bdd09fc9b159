// What the generators share: the writer, the scale's profile, and per-unit counters that make
// ledger numbers, inspection ids, action ids and document numbers unique and deterministic.
import type { RowSink } from './csv-sink.js';
import type { Profile } from './profile.js';
import type { UnitNode } from './unit-tree.js';

export type Industry = 'steel' | 'power' | 'coal_chemical' | 'coal_mining' | 'building_materials' | 'hw_operator' | 'medical_waste' | 'other';
export type RiskLevel = 'general' | 'larger' | 'major';

export interface Enterprise {
  code: string;
  name: string;
  industry: Industry;
  risk: RiskLevel;
  highRisk: boolean;
  inScope: boolean;
  /** 0 … 1: how poorly it keeps its house; drives findings and hazards */
  weakness: number;
}

export interface Leader {
  name: string;
  role: 'main' | 'member';
}

/** a unit while it is being generated */
export interface UnitWork {
  node: UnitNode;
  leaders: Leader[];
  /** names that sign inspections (执法人员) */
  inspectors: string[];
  /** 0 … 1: how dependable the unit is with deadlines, feedback and leader inspections */
  diligence: number;
}

export class GenContext {
  private readonly counters = new Map<string, number>();

  constructor(
    readonly w: RowSink,
    readonly profile: Profile,
    readonly seed: number,
  ) {}

  private next(key: string): number {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }

  ledgerNo(unit: string): string {
    const prefix = unit.startsWith('1405') ? 'JC' : 'HW';
    return `${prefix}-${unit}-2023-${String(this.next(`H:${unit}`)).padStart(4, '0')}`;
  }

  inspectionId(unit: string): string {
    return `I${unit}-${String(this.next(`I:${unit}`)).padStart(5, '0')}`;
  }

  actionId(unit: string): string {
    return `A${unit}-${String(this.next(`A:${unit}`)).padStart(5, '0')}`;
  }

  /** 正式文件文号 of a weekly feedback, e.g. 泽州县环函〔2023〕17号 */
  documentNo(unit: UnitNode): string {
    return `${unit.name}环函〔2023〕${this.next(`D:${unit.code}`)}号`;
  }
}
