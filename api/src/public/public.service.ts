import { Inject, Injectable } from '@nestjs/common';
import { ScoresService } from '../assessment/scores.service.js';
import { endOfMonth } from '../campaign/campaign.js';
import { DomainError } from '../common/domain-error.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { publicHazards, type PublicHazards } from './public-hazards.js';
import { findRelease, listReleases, release, type PublicRelease } from './public-releases.js';

// The public's reads are answered from a small cache keyed by the month and the ledger's version
// (ledger_version moves with every write): anyone on the internet can call these routes, so a burst of
// them costs one query per ledger change, not one per request.
const CACHED_MONTHS = 16;

@Injectable()
export class PublicService {
  private readonly cache = new Map<string, Promise<PublicHazards>>();

  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(ScoresService) private readonly scores: ScoresService) {}

  releases(): Promise<PublicRelease[]> {
    return listReleases(this.db.dataSource);
  }

  async release(month: string, actor: string): Promise<PublicRelease> {
    return release(this.db.dataSource, await this.scores.checkMonth(month), actor);
  }

  async hazards(month: string): Promise<PublicHazards> {
    const ds = this.db.dataSource;
    const m = await this.scores.checkMonth(month);
    const released = await findRelease(ds, m);
    if (!released) throw new DomainError('NOT_PUBLISHED', `三公开: ${m} 尚未向社会公开 (the city office has not released ${m})`);
    const [{ v }] = await ds.query(`SELECT last_value::text || is_called::text AS v FROM ledger_version`);
    const key = `${m}@${v}`;
    let answer = this.cache.get(key);
    if (!answer) {
      answer = publicHazards(ds, m, endOfMonth(m), released.releasedAt);
      answer.catch(() => this.cache.delete(key));
      this.cache.set(key, answer);
      if (this.cache.size > CACHED_MONTHS) this.cache.delete(this.cache.keys().next().value!);
    }
    return answer;
  }
}
