import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { isCityUser, mayReadUnit, useAppData } from './app-context.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { matchPath, navigate, useLocation } from './router.js';
import { ErrorState, forbiddenError } from './ui/ErrorState.js';
import { Loading } from './ui/Loading.js';

// each view is its own chunk: sign-in and the ledger do not wait for the charting library
const RankingPage = lazy(() => import('./pages/RankingPage.js').then((m) => ({ default: m.RankingPage })));
const CountyIndexPage = lazy(() => import('./pages/CountyIndexPage.js').then((m) => ({ default: m.CountyIndexPage })));
const CountyPage = lazy(() => import('./pages/CountyPage.js').then((m) => ({ default: m.CountyPage })));
const LedgerPage = lazy(() => import('./pages/LedgerPage.js').then((m) => ({ default: m.LedgerPage })));
const HazardPage = lazy(() => import('./pages/HazardPage.js').then((m) => ({ default: m.HazardPage })));
const TracePage = lazy(() => import('./pages/TracePage.js').then((m) => ({ default: m.TracePage })));
const CaseThreePage = lazy(() => import('./pages/CaseThreePage.js').then((m) => ({ default: m.CaseThreePage })));
const DispatchPage = lazy(() => import('./pages/DispatchPage.js').then((m) => ({ default: m.DispatchPage })));
const RecordsPage = lazy(() => import('./pages/RecordsPage.js').then((m) => ({ default: m.RecordsPage })));
const SchemePage = lazy(() => import('./pages/SchemePage.js').then((m) => ({ default: m.SchemePage })));
const UsersPage = lazy(() => import('./pages/UsersPage.js').then((m) => ({ default: m.UsersPage })));
const AccountPage = lazy(() => import('./pages/AccountPage.js').then((m) => ({ default: m.AccountPage })));
const BoardPage = lazy(() => import('./pages/BoardPage.js').then((m) => ({ default: m.BoardPage })));
const AlertsPage = lazy(() => import('./pages/AlertsPage.js').then((m) => ({ default: m.AlertsPage })));
const ImportPage = lazy(() => import('./pages/ImportPage.js').then((m) => ({ default: m.ImportPage })));

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

/** The page for the address, shaped by the user's role. */
export function Routes() {
  const { user, units } = useAppData();
  const { pathname } = useLocation();
  const city = isCityUser(user);
  const home = city ? '/ranking' : `/county/${user.unitCode}`;
  const unitName = (code: string) => units.find((u) => u.code === code)?.name ?? code;

  const routes: [string, (p: Record<string, string>) => ReactNode][] = [
    ['/', () => <Redirect to={home} />],
    ['/login', () => <Redirect to={home} />],
    ['/ranking', () => <RankingPage />],
    ['/county', () => (city ? <CountyIndexPage /> : <Redirect to={home} />)],
    [
      '/county/:unit',
      ({ unit }) => (mayReadUnit(user, unit) ? <CountyPage key={unit} unit={unit} /> : <ErrorState error={forbiddenError(`${unitName(unit)}的县区详情仅限本单位和市级用户查看`)} />),
    ],
    ['/ledger', () => <LedgerPage />],
    ['/ledger/:ledgerNo', ({ ledgerNo }) => <HazardPage key={ledgerNo} ledgerNo={ledgerNo} />],
    ['/trace', () => (city ? <TracePage /> : <ErrorState error={forbiddenError('责任追溯仅限市级用户查看')} />)],
    ['/trace/:ledgerNo', ({ ledgerNo }) => <CaseThreePage key={ledgerNo} ledgerNo={ledgerNo} />],
    ['/dispatch', () => <DispatchPage />],
    ['/board', () => <BoardPage />],
    ['/alerts', () => <AlertsPage />],
    ['/scheme', () => (city ? <SchemePage /> : <ErrorState error={forbiddenError('考核方案仅限市级用户查看')} />)],
    ['/users', () => (user.role === 'city_office' ? <UsersPage /> : <ErrorState error={forbiddenError('用户管理仅限市领导小组办公室')} />)],
    ['/account', () => <AccountPage />],
    ['/import', () => <ImportPage />],
    ['/records', () => <RecordsPage />],
    ['/records/:kind', ({ kind }) => <RecordsPage key={kind} kind={kind} />],
  ];
  for (const [pattern, render] of routes) {
    const params = matchPath(pattern, pathname);
    if (params) return <Suspense fallback={<Loading what="页面" />}>{render(params)}</Suspense>;
  }
  return <NotFoundPage />;
}
