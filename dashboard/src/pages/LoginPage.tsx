import { useState, type FormEvent } from 'react';
import { login } from '../api/client.js';
import type { Session } from '../api/session.js';
import { describeError } from '../ui/ErrorState.js';

export function LoginPage({ onSignedIn, expired }: { onSignedIn: (s: Session) => void; expired?: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!username || !password) {
      setError('请输入用户名和密码。');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const a = await login(username.trim(), password);
      onSignedIn({ token: a.accessToken, user: a.user });
    } catch (err) {
      const d = describeError(err);
      setError(d.title === '登录已过期' || d.title === '无权访问' ? '用户名或密码错误。' : `${d.title}：${d.text}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">危险废物领域重大事故隐患专项排查整治</h1>
        <p className="login-sub">考核调度平台 · 请登录</p>
        {expired ? <p className="login-note">登录已过期，请重新登录。</p> : null}
        <label htmlFor="username">用户名</label>
        <input id="username" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
        <label htmlFor="password">密码</label>
        <input id="password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        {error ? (
          <p className="login-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? '正在登录…' : '登录'}
        </button>
      </form>
    </main>
  );
}
