// A 400 names the body field it refuses as `field`, so a form shows the refusal beside its input.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestServer, type TestServer } from '../support/server.js';

describe('refusals name their field', () => {
  let server: TestServer;
  let api: Awaited<ReturnType<TestServer['login']>>;

  beforeAll(async () => {
    server = await startTestServer();
    api = await server.login('admin', server.adminPassword);
  }, 120_000);
  afterAll(() => server?.close());

  const post = async (path: string, body: unknown) => {
    const r = await api(path, { method: 'POST', body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as { code: string; message: string; field?: string } };
  };

  it('names the field class-validator refuses, an unknown field, and a domain refusal that starts with a field', async () => {
    const [hazard] = ((await (await api('/api/hazards?pageSize=1')).json()) as { items: { ledgerNo: string }[] }).items;
    const plan = { responsiblePerson: '张三', measures: '清理', fundsWan: 'abc', deadline: '2023-09-30', contingencyPlan: '有', signedBy: '李四' };
    const bad = await post(`/api/hazards/${encodeURIComponent(hazard.ledgerNo)}/plan`, plan);
    expect(bad).toMatchObject({ status: 400, body: { code: 'BAD_REQUEST', field: 'fundsWan' } });
    expect(bad.body.message).toContain('fundsWan');

    const unknown = await post('/api/submissions', { kind: 'summary', submittedOn: '2023-12-01', unitCode: '140525', colour: 'red' });
    expect(unknown).toMatchObject({ status: 400, body: { field: 'colour' } });

    const future = await post('/api/submissions', { kind: 'summary', submittedOn: '2999-01-01', unitCode: '140525' });
    expect(future.status).toBe(400);
    expect(future.body.field).toBe('submittedOn');
  });
});
