import { ActionsController } from './actions/actions.controller.js';
import { ActionsService } from './actions/actions.service.js';
import { AssignmentsController } from './assignments/assignments.controller.js';
import { AssignmentsService } from './assignments/assignments.service.js';
import { LedgerWriter } from './common/ledger-writer.js';
import { DrillsController } from './drills/drills.controller.js';
import { DrillsService } from './drills/drills.service.js';
import { EnterprisesController } from './enterprises/enterprises.controller.js';
import { EnterprisesService } from './enterprises/enterprises.service.js';
import { HazardLifecycleController } from './hazards/hazard-lifecycle.controller.js';
import { HazardLifecycleService } from './hazards/hazard-lifecycle.service.js';
import { InspectionsController } from './inspections/inspections.controller.js';
import { InspectionsService } from './inspections/inspections.service.js';
import { LeadersController } from './leaders/leaders.controller.js';
import { LeadersService } from './leaders/leaders.service.js';
import { SubmissionsController } from './submissions/submissions.controller.js';
import { SubmissionsService } from './submissions/submissions.service.js';
import { UnitDetailController } from './units/unit-detail.controller.js';
import { UsersController } from './users/users.controller.js';
import { UsersService } from './users/users.service.js';

// The ledger's REST API, registered by AppModule.forRoot: the services need the DATABASE,
// CLOCK and AnalyticsService that it provides.
export const LEDGER_CONTROLLERS = [
  EnterprisesController, HazardLifecycleController, InspectionsController, ActionsController, LeadersController,
  AssignmentsController, DrillsController, SubmissionsController, UnitDetailController, UsersController,
];

export const LEDGER_PROVIDERS = [
  LedgerWriter, EnterprisesService, HazardLifecycleService, InspectionsService, ActionsService, LeadersService,
  AssignmentsService, DrillsService, SubmissionsService, UsersService,
];
