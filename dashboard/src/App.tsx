import { lazy, Suspense, useCallback, useEffect, useId, useState } from 'react';
import { apiGet, onUnauthorized } from './api/client.js';
import { clearSession, onSessionChange, readSession, writeSession, type Session } from './api/session.js';
import type { Campaign, Unit } from './api/types.js';
import { useLoad } from './api/useApi.js';
import { AppDataProvider, isCityUser, type AppData } from './app-context.js';
import { ROLE_LABEL } from './labels.js';
import { LoginPage } from './pages/LoginPage.js';
import { Routes } from './Routes.js';
import { Link, navigate, useLocation } from './router.js';
import { ErrorBoundary } from './ui/ErrorBoundary.js';
import { ErrorState } from './ui/ErrorState.js';
import { Loading } from './ui/Loading.js';
import { CampaignSelect } from './ui/CampaignSelect.js';
import { pickCampaign } from './months.js';

// 三公开: the public page needs no session and loads none of the signed-in pages
const PublicPage = lazy(() => import('./pages/PublicPage.js').then((m) => ({ default: m.PublicPage })));

export function App() {
  const { pathname } = useLocation();
  const [session, setSession] = useState<Session | null>(readSession);
  const [expired, setExpired] = useState(false);

  // any 401 ends the session and brings back the sign-in page
  useEffect(
    () =>
      onUnauthorized(() => {
        setSession(null);
        setExpired(true);
      }),
    [],
  );

  // 退出 (or a sign-in as someone else) in another tab: this tab follows
  useEffect(
    () =>
      onSessionChange((s) => {
        setExpired(false);
        setSession(s);
        if (!s) navigate('/login');
      }),
    [],
  );

  const signIn = useCallback((s: Session) => {
    writeSession(s);
    setExpired(false);
    setSession(s);
    if (window.location.pathname === '/login') navigate('/', { replace: true });
  }, []);

  const signOut = useCallback(() => {
    clearSession();
    setSession(null);
    navigate('/login');
  }, []);

  if (pathname === '/public') return <Suspense fallback={<Loading what="公开清单" />}><PublicPage /></Suspense>;
  if (!session) return <LoginPage onSignedIn={signIn} expired={expired} />;
  return <SignedIn session={session} signOut={signOut} />;
}

function SignedIn({ session, signOut }: { session: Session; signOut: () => void }) {
  const { search } = useLocation();
  const loaded = useLoad<{ campaigns: Campaign[]; units: Unit[] }>(session.token, async (signal) => {
    const [campaigns, units] = await Promise.all([apiGet<Campaign[]>('/api/campaigns', signal), apiGet<Unit[]>('/api/units', signal)]);
    return { campaigns, units };
  });
  if (loaded.status === 'loading') return <Loading what="平台数据" />;
  if (loaded.status === 'error') return <ErrorState error={loaded.error} onRetry={loaded.reload} />;
  const { campaigns, units } = loaded.data;
  const campaign = pickCampaign(campaigns, search.get('month'), search.get('campaign'));
  const data: AppData = { user: session.user, campaigns, campaign, units, signOut };
  return (
    <AppDataProvider value={data}>
      <Shell data={data} />
    </AppDataProvider>
  );
}

interface NavItem {
  to: string;
  label: string;
  /** the first path segment that marks the item current */
  section: string;
}

function navItems(data: AppData): NavItem[] {
  const city = isCityUser(data.user);
  const own = data.user.unitCode;
  return [
    { to: '/ranking', label: '排名', section: 'ranking' },
    city ? { to: '/county', label: '县区详情', section: 'county' } : { to: `/county/${own}`, label: '本单位', section: 'county' },
    { to: '/ledger', label: '台账', section: 'ledger' },
    ...(city ? [{ to: '/trace', label: '责任追溯', section: 'trace' }] : []),
    { to: '/dispatch', label: '调度表', section: 'dispatch' },
    { to: '/board', label: '挂图作战', section: 'board' },
    { to: '/alerts', label: '预警', section: 'alerts' },
    ...(city ? [{ to: '/scheme', label: '方案', section: 'scheme' }] : []),
    ...(data.user.role === 'city_office' ? [{ to: '/users', label: '用户', section: 'users' }] : []),
    ...(data.user.role === 'city_office' || data.user.role === 'county_branch' ? [{ to: '/import', label: '导入', section: 'import' }] : []),
    { to: '/records', label: '记录', section: 'records' },
  ];
}

function Shell({ data }: { data: AppData }) {
  const { pathname } = useLocation();
  const section = pathname.split('/')[1] ?? '';
  const unitName = data.units.find((u) => u.code === data.user.unitCode)?.name;
  // on a phone the nav folds behind 菜单 (styles.css, "phone"); it folds again once a page is chosen
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();
  useEffect(() => setMenuOpen(false), [pathname]);
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-title">危险废物领域重大事故隐患专项排查整治</span>
          <span className="brand-sub">考核调度平台 · {data.campaign.name.replace(/^.*危险废物领域重大事故隐患专项排查整治/, '')}</span>
        </div>
        <CampaignSelect campaigns={data.campaigns} value={data.campaign.code} />
        <button type="button" className="btn btn-ghost menu-toggle" aria-expanded={menuOpen} aria-controls={navId} onClick={() => setMenuOpen((o) => !o)}>
          菜单
        </button>
        <nav aria-label="主导航" className="nav" id={navId} data-open={menuOpen}>
          {navItems(data).map((n) => (
            <Link key={n.section} to={n.to} className="nav-link" aria-current={section === n.section ? 'page' : undefined}>
              {n.label}
            </Link>
          ))}
        </nav>
        <div className="user">
          <span className="user-name" data-testid="current-user">
            {data.user.username}
            <small>
              {ROLE_LABEL[data.user.role] ?? data.user.role}
              {unitName ? ` · ${unitName}` : ''}
            </small>
          </span>
          <Link to="/account" className="btn btn-ghost" aria-current={section === 'account' ? 'page' : undefined}>账户</Link>
          <button type="button" className="btn btn-ghost" onClick={data.signOut}>
            退出
          </button>
        </div>
      </header>
      <main className="content" id="main">
        <ErrorBoundary resetKey={pathname}>
          <Routes />
        </ErrorBoundary>
      </main>
    </div>
  );
}
