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
import { AnalyticsService } from './assessment/analytics.service.js';
import { ScoresService } from './assessment/scores.service.js';
import { ScoresController } from './assessment/scores.controller.js';
import { DispatchController } from './dispatch/dispatch.controller.js';
import { HazardsController } from './ledger/hazards/hazards.controller.js';
import { AlertsController } from './schedule/alerts.controller.js';
import { CalendarJobs } from './schedule/calendar.jobs.js';
import { ExportsController } from './exports/exports.controller.js';
import { ExportsService } from './exports/exports.service.js';
import { ReconciliationsController } from './reconcile/reconciliations.controller.js';
import { ReconciliationsService } from './reconcile/reconciliations.service.js';
import { LEDGER_CONTROLLERS, LEDGER_PROVIDERS } from './ledger/ledger.providers.js';
import { HealthController } from './health/health.controller.js';
import { ImportsController } from './imports/imports.controller.js';
import { ImportsService } from './imports/imports.service.js';

export interface AppOptions {
  env: Env;
  db: Database;
  clock?: Clock;
  /** scheduled jobs run on their cron; tests turn this off and call the jobs themselves */
  schedule?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(o: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: o.schedule === false ? [] : [ScheduleModule.forRoot()],
      controllers: [AuthController, UnitsController, ScoresController, DispatchController, HazardsController, AlertsController, ...LEDGER_CONTROLLERS, ExportsController, ReconciliationsController, HealthController, ImportsController],
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
        ExportsService,
        ReconciliationsService,
        ImportsService,
        ...LEDGER_PROVIDERS,
      ],
    };
  }
}
