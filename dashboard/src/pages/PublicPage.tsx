import { useEffect, useState } from 'react';
import type { PublicHazards } from '../../../api/src/public/public-hazards.js';
import type { PublicRelease } from '../../../api/src/public/public-releases.js';
import { formatDate, formatDateLong, formatMonth } from '../format.js';
import { Link, setSearch, useLocation } from '../router.js';

// 三公开 (seed notice §五): the hazard list of a month the city office has released, for anyone, without
// sign-in. It reads only the public routes, with no token, so nothing it shows needs one.

type Load<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ok'; data: T };

async function publicGet<T>(path: string, signal: AbortSignal): Promise<T> {
  const r = await fetch(path, { signal, headers: { accept: 'application/json' } });
  if (!r.ok) {
    const body = (await r.json().catch(() => ({}))) as { message?: string };
    throw new Error(r.status === 404 ? '该月隐患清单尚未公开' : body.message ?? `HTTP ${r.status}`);
  }
  return (await r.json()) as T;
}

function useGet<T>(path: string | null): Load<T> {
  const [state, setState] = useState<Load<T>>({ status: 'loading' });
  useEffect(() => {
    if (!path) return undefined;
    const ctl = new AbortController();
    setState({ status: 'loading' });
    publicGet<T>(path, ctl.signal).then((data) => setState({ status: 'ok', data }), (e: Error) => {
      if (e.name !== 'AbortError') setState({ status: 'error', message: e.message });
    });
    return () => ctl.abort();
  }, [path]);
  return state;
}

export function PublicPage() {
  const { search } = useLocation();
  const releases = useGet<PublicRelease[]>('/api/public/releases');
  const months = releases.status === 'ok' ? releases.data.map((r) => r.month) : [];
  const month = search.get('month') ?? months.at(-1) ?? null;
  const list = useGet<PublicHazards>(month ? `/api/public/hazards?month=${month}` : null);

  return (
    <div className="shell public-page">
      <header className="topbar">
        <div className="brand">
          <span className="brand-title">危险废物领域重大事故隐患信息公开</span>
          <span className="brand-sub">重大事故隐患清单、整改治理推进情况和整改治理结果</span>
        </div>
        <div className="user">
          <Link to="/login" className="btn btn-ghost">工作人员登录</Link>
        </div>
      </header>
      <main className="content" id="main">
        <div className="page">
          <div className="page-head">
            <h1>重大事故隐患公开清单</h1>
            <div className="page-tools">
              {months.length ? (
                <label>
                  月份{' '}
                  <select value={month ?? ''} onChange={(e) => setSearch({ month: e.target.value })} data-testid="public-month">
                    {months.map((m) => <option key={m} value={m}>{formatMonth(m)}</option>)}
                  </select>
                </label>
              ) : null}
              {month && list.status === 'ok' ? <a className="btn" href={`/api/public/hazards.csv?month=${month}`} download>下载 CSV</a> : null}
            </div>
          </div>
          {releases.status === 'error' ? <p role="alert">{releases.message}</p> : null}
          {releases.status === 'ok' && !months.length ? <p data-testid="public-none">暂无已公开的月份。</p> : null}
          {list.status === 'loading' && month ? <p>正在加载…</p> : null}
          {list.status === 'error' ? <p role="alert">{list.message}</p> : null}
          {list.status === 'ok' ? <PublicList data={list.data} /> : null}
        </div>
      </main>
    </div>
  );
}

function PublicList({ data }: { data: PublicHazards }) {
  const total = data.units.reduce((n, u) => n + u.hazards.length, 0);
  return (
    <>
      <p className="page-note" data-testid="public-summary">
        {formatMonth(data.month)}（截至{formatDateLong(data.asOf)}），共 {total} 个重大事故隐患；{formatDateLong(formatDate(data.releasedAt))}公开。
      </p>
      {data.units.map((u) => (
        <section key={u.unit} className="card" data-unit={u.unit}>
          <h2>{u.name}（{u.hazards.length} 个）</h2>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr><th>台账编号</th><th>企业</th><th>隐患类别</th><th>挂牌督办</th><th>整改期限</th><th>整改状态</th></tr>
              </thead>
              <tbody>
                {u.hazards.map((h) => (
                  <tr key={h.ledgerNo} data-ledger-no={h.ledgerNo}>
                    <td data-col="ledgerNo">{h.ledgerNo}</td>
                    <td data-col="enterprise">{h.enterprise}</td>
                    <td data-col="category">{h.category ?? '–'}</td>
                    <td data-col="listing">{h.listing ?? '未挂牌'}</td>
                    <td data-col="deadline">{h.deadline ?? '–'}</td>
                    <td data-col="state">{h.state}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
