import { useState } from 'react';
import { ApiError, apiSend } from '../api/client.js';
import { useAppData } from '../app-context.js';
import { ROLE_LABEL } from '../labels.js';
import { Card } from '../ui/Card.js';
import { FormPanel, Refusal } from '../ui/form/FormPanel.js';
import { useAction } from '../ui/form/useAction.js';

/** 账户: every user changes their own password, and can sign out of every device. */
export function AccountPage() {
  const { user, signOut } = useAppData();
  const [changed, setChanged] = useState(false);
  const logoutAll = useAction(async () => {
    await apiSend('POST', '/api/auth/logout-all');
    return true;
  });
  return (
    <div className="page">
      <div className="page-head">
        <h1>账户</h1>
      </div>
      <p className="page-note">
        {user.username} · {ROLE_LABEL[user.role] ?? user.role}
      </p>
      {changed ? (
        <p className="badge badge-green" role="status" data-testid="password-changed">
          密码已修改
        </p>
      ) : null}
      <FormPanel
        title="修改密码"
        testId="own-password-form"
        fields={[
          { name: 'currentPassword', label: '当前密码', kind: 'password', required: true },
          { name: 'newPassword', label: '新密码', kind: 'password', required: true, hint: '至少 12 个字符，不能是常见密码或同一字符重复' },
          { name: 'confirmPassword', label: '确认新密码', kind: 'password', required: true },
        ]}
        submitLabel="确定"
        onSubmit={async (v) => {
          // checked here: the API takes the new password once
          if (v.newPassword !== v.confirmPassword) throw new ApiError(400, 'PASSWORD_MISMATCH', 'the two new passwords differ', 'confirmPassword');
          setChanged(false);
          return apiSend('POST', '/api/me/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
        }}
        onDone={() => setChanged(true)}
      />
      <Card title="退出所有设备">
        <p className="page-note">使本账户在所有浏览器和设备上的登录立即失效（包括当前设备），之后需重新登录。</p>
        <button
          type="button"
          className="btn"
          disabled={logoutAll.pending}
          onClick={async () => {
            if (await logoutAll.run()) signOut();
          }}
        >
          退出所有设备
        </button>
        {logoutAll.error ? <Refusal error={logoutAll.error} /> : null}
      </Card>
    </div>
  );
}
