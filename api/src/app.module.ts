import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import type { Env } from './config/env.js';
import type { Database } from './database/data-source.js';
import { CLOCK, DATABASE, ENV, systemClock, type Clock } from './common/tokens.js';
import { HttpErrorFilter } from './common/http-exception.filter.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { TokenSigner } from './auth/tokens.js';
import { LoginService } from './auth/login.service.js';
import { PasswordQueue } from './auth/password-queue.js';
import { UserAccess } from './auth/user-access.js';
import { UnitsController } from './units/units.controller.js';
import { CampaignsController } from './campaign/campaigns.controller.js';
import { CampaignsService } from './campaign/campaigns.service.js';
import { AnalyticsService } from './assessment/analytics.service.js';
import { ScoresService } from './assessment/scores.service.js';
import { ScoresController } from './assessment/scores.controller.js';
import { DispatchController } from './dispatch/dispatch.controller.js';
import { HazardsController } from './ledger/hazards/hazards.controller.js';
import { AlertsController } from './schedule/alerts.controller.js';
import { CalendarController } from './schedule/calendar.controller.js';
import { CalendarJobs } from './schedule/calendar.jobs.js';
import { AlertsService } from './alerts/alerts.service.js';
import { AlertNotifier } from './alerts/alert-notifier.js';
import { MAILER, smtpMailer } from './alerts/mailer.js';
import { analyticsCoverage, COVERAGE, type CoverageProvider } from './alerts/coverage.js';
import { ExportsController } from './exports/exports.controller.js';
import { ExportsService } from './exports/exports.service.js';
import { ReconciliationsController } from './reconcile/reconciliations.controller.js';
import { ReconciliationsService } from './reconcile/reconciliations.service.js';
import { LEDGER_CONTROLLERS, LEDGER_PROVIDERS } from './ledger/ledger.providers.js';
import { HealthController } from './health/health.controller.js';
import { ImportsController } from './imports/imports.controller.js';
import { ImportsService } from './imports/imports.service.js';
import { CoverageController } from './inspection-coverage/coverage.controller.js';
import { CampaignPhasesController } from './inspection-coverage/campaign-phases.controller.js';
import { CampaignPhasesService } from './inspection-coverage/campaign-phases.service.js';
import { PublicController } from './public/public.controller.js';
import { PublicService } from './public/public.service.js';

export interface AppOptions {
  env: Env;
  db: Database;
  clock?: Clock;
  /** scheduled jobs run on their cron; tests turn this off and call the jobs themselves */
  schedule?: boolean;
  /** coverage behind schedule, for its alerts (default: api/src/alerts/coverage.ts on PostgreSQL) */
  coverage?: CoverageProvider;
}

@Module({})
export class AppModule {
  static forRoot(o: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: o.schedule === false ? [] : [ScheduleModule.forRoot()],
      controllers: [AuthController, UnitsController, ScoresController, DispatchController, HazardsController, AlertsController, CalendarController, ...LEDGER_CONTROLLERS, ExportsController, ReconciliationsController, HealthController, ImportsController,
        CampaignsController, CoverageController, CampaignPhasesController, PublicController],
      providers: [
        { provide: ENV, useValue: o.env },
        { provide: DATABASE, useValue: o.db },
        { provide: CLOCK, useValue: o.clock ?? systemClock },
        { provide: TokenSigner, useValue: new TokenSigner(o.env.jwtSecret, o.env.tokenTtlSeconds) },
        { provide: PasswordQueue, useValue: new PasswordQueue() },
        UserAccess,
        LoginService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
        AnalyticsService,
        ScoresService,
        CalendarJobs,
        AlertsService,
        AlertNotifier,
        { provide: MAILER, useFactory: () => smtpMailer(o.env.smtpUrl, o.env.mailFrom) },
        { provide: COVERAGE, useFactory: (a: AnalyticsService) => o.coverage ?? analyticsCoverage(a), inject: [AnalyticsService] },
        ExportsService,
        ReconciliationsService,
        ImportsService,
        CampaignsService,
        PublicService,
        ...LEDGER_PROVIDERS,
        CampaignPhasesService,
      ],
    };
  }
}
