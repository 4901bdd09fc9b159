import { Ledger1764400000000 } from './1764400000000-Ledger.js';
import { Governance1764400001000 } from './1764400001000-Governance.js';
import { LedgerVersion1764400002000 } from './1764400002000-LedgerVersion.js';
import { Reconciliations1764400003000 } from './1764400003000-Reconciliations.js';
import { HazardSignoffs1764400010000 } from './1764400010000-HazardSignoffs.js';
import { LedgerChanges1764400020000 } from './1764400020000-LedgerChanges.js';
import { AuditAnchors1764400030000 } from './1764400030000-AuditAnchors.js';
import { UserAccess1764400045000 } from './1764400045000-UserAccess.js';
import { CampaignDueDates1764400051000 } from './1764400051000-CampaignDueDates.js';
import { CampaignPhases1764400060000 } from './1764400060000-CampaignPhases.js';
import { AlertStates1764400150000 } from './1764400150000-AlertStates.js';
import { DocumentNumbers1764400160000 } from './1764400160000-DocumentNumbers.js';
import { PublicReleases1764400170000 } from './1764400170000-PublicReleases.js';
import { UsersChanged1764400180000 } from './1764400180000-UsersChanged.js';

// Listed by hand, in order: a glob would load whatever stray file lies in the folder.
export const MIGRATIONS = [Ledger1764400000000, Governance1764400001000, LedgerVersion1764400002000, Reconciliations1764400003000, HazardSignoffs1764400010000, LedgerChanges1764400020000, AuditAnchors1764400030000, UserAccess1764400045000,
  CampaignDueDates1764400051000, CampaignPhases1764400060000, AlertStates1764400150000, DocumentNumbers1764400160000, PublicReleases1764400170000, UsersChanged1764400180000];
