import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { get, type Client } from '../support/ledger-api.js';
import { startTestSmtp, type TestSmtp } from '../support/smtp.js';
import { CalendarJobs } from '../../api/src/schedule/calendar.jobs.js';
import type { AlertView } from '../../api/src/alerts/alert-contract.js';

// The escalation and the unit's mail of alerts.test.ts, on a real PostgreSQL server (the SQL of
// api/src/alerts runs as written on both engines): JC-140502-2023-0001 (deadline 07-17) left open
// escalates on 07-21, not 07-20, and 城区's users with an address get the mail of 07-18.
describeWith(['postgres'], 'alerts on PostgreSQL', () => {
  let s: TestServer;
  let smtp: TestSmtp;
  let admin: Client;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    s = await startTestServer({ engine: 'postgres', env: { SMTP_URL: smtp.url } });
    admin = await s.login('admin', s.adminPassword);
    await s.createUser('pg-cq-1', 'county_branch', '140502');
    await s.createUser('pg-cq-2', 'inspector', '140502');
    await s.createUser('pg-gp', 'county_branch', '140581');
    await s.t.db.dataSource.query(`UPDATE users SET email = username || '@example.cn' WHERE username IN ('pg-cq-1', 'pg-cq-2', 'pg-gp')`);
  }, 120_000);

  afterAll(async () => {
    await s?.close();
    await smtp?.close();
  });

  it('escalates on the day after the grace period and mails the unit\'s users', async () => {
    const jobs = s.app.get(CalendarJobs);
    const overdue = async () => (await get<AlertView[]>(admin, '/api/alerts?unit=140502&kind=hazard_overdue')).body.find((a) => a.recordRef === 'JC-140502-2023-0001')!;
    await jobs.runDay('2023-07-18');
    const users = (await get<{ items: { email: string | null }[] }>(admin, '/api/users?unit=140502&pageSize=100')).body.items;
    const mail = smtp.mails.find((m) => m.subject.includes('城区'))!;
    expect(mail.to).toEqual(users.map((u) => u.email).filter(Boolean).sort());
    expect(mail.to).toEqual(['pg-cq-1@example.cn', 'pg-cq-2@example.cn']);
    expect(mail.text).toContain('隐患 JC-140502-2023-0001 已超过整改期限 2023-07-17 仍未整改');
    await jobs.runDay('2023-07-20');
    expect((await overdue()).escalatedTo).toBeNull();
    await jobs.runDay('2023-07-21');
    expect(await overdue()).toMatchObject({ state: 'open', escalatedTo: 'city_office', escalatedOn: '2023-07-21' });
  }, 180_000);
});
