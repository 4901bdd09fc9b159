import { useEffect, type ReactNode } from 'react';
import { isCityUser, mayReadUnit, useAppData } from './app-context.js';
import { BoardPage } from './pages/BoardPage.js';
import { CaseThreePage } from './pages/CaseThreePage.js';
import { CountyIndexPage } from './pages/CountyIndexPage.js';
import { CountyPage } from './pages/CountyPage.js';
import { DispatchPage } from './pages/DispatchPage.js';
import { HazardPage } from './pages/HazardPage.js';
import { LedgerPage } from './pages/LedgerPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { RankingPage } from './pages/RankingPage.js';
import { TracePage } from './pages/TracePage.js';
import { matchPath, navigate, useLocation } from './router.js';
import { ErrorState, forbiddenError } from './ui/ErrorState.js';

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
  ];
  for (const [pattern, render] of routes) {
    const params = matchPath(pattern, pathname);
    if (params) return <>{render(params)}</>;
  }
  return <NotFoundPage />;
}
