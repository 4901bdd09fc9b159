import { apiGetEveryPage, apiSend } from '../api/client.js';
import type { Page } from '../api/types.js';
import { useLoad } from '../api/useApi.js';
import { countyUnits, useAppData, useUnitName } from '../app-context.js';
import { newUserBody, roleChangeBody, roleZh, stateZh, type UserItem } from '../features/users/user-rows.js';
import { formatDateTime } from '../format.js';
import { ROLE_LABEL } from '../labels.js';
import { Async } from '../ui/Async.js';
import { Badge, Card } from '../ui/Card.js';
import { ActionGate } from '../ui/form/ActionGate.js';
import { FormPanel, Refusal } from '../ui/form/FormPanel.js';
import { useAction } from '../ui/form/useAction.js';
import { optionsOf, text } from '../ui/form/values.js';

/** 用户管理 (city_office): the accounts, creating one, disabling and enabling, a new role or unit, resetting a password. */
export function UsersPage() {
  const { units } = useAppData();
  const users = useLoad<Page<UserItem>>('/api/users', (signal) => apiGetEveryPage<UserItem>('/api/users', signal));
  const unitOptions = countyUnits(units).map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }));
  return (
    <div className="page">
      <div className="page-head">
        <h1>用户管理</h1>
      </div>
      <ActionGate label="新建用户" testId="create-user">
        {(close) => (
          <FormPanel
            title="新建用户"
            testId="create-user-form"
            fields={[
              { name: 'username', label: '用户名', required: true, hint: '2–64 个字母、数字、汉字或 . _ - @' },
              { name: 'role', label: '角色', kind: 'select', options: optionsOf(ROLE_LABEL), required: true },
              { name: 'unitCode', label: '所属单位', kind: 'select', options: unitOptions, hint: '县区分局、执法人员必选；市级角色不选' },
              { name: 'password', label: '初始密码', kind: 'password', required: true, hint: '至少 12 个字符，不能是常见密码或同一字符重复' },
              { name: 'email', label: '电子邮箱', hint: '接收本单位预警邮件；可不填' },
            ]}
            onSubmit={(v) => apiSend('POST', '/api/users', newUserBody({ username: text(v, 'username'), role: text(v, 'role'), unitCode: text(v, 'unitCode'), password: typeof v.password === 'string' ? v.password : '', email: text(v, 'email') }))}
            onDone={close}
            onCancel={close}
          />
        )}
      </ActionGate>
      <Async state={users} what="用户" isEmpty={(p) => p.items.length === 0} emptyTitle="还没有用户">
        {(p) => (
          <Card title={`用户（${p.total}）`}>
            <UsersTable items={p.items} unitOptions={unitOptions} />
          </Card>
        )}
      </Async>
    </div>
  );
}

type UnitOptions = { value: string; label: string }[];

function UsersTable({ items, unitOptions }: { items: UserItem[]; unitOptions: UnitOptions }) {
  const unitName = useUnitName();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="users-table">
        <thead>
          <tr>
            <th>用户名</th>
            <th>角色</th>
            <th>所属单位</th>
            <th>创建时间</th>
            <th>状态</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {items.map((u) => (
            <tr key={u.username} data-testid="user-row" data-username={u.username}>
              <td data-col="username">{u.username}</td>
              <td data-col="role">{roleZh(u.role)}</td>
              <td data-col="unit">{u.unitCode ? unitName(u.unitCode) : '–'}</td>
              <td data-col="createdAt">{formatDateTime(u.createdAt)}</td>
              <td data-col="state">
                <Badge tone={u.disabled ? 'red' : 'green'}>{stateZh(u)}</Badge>
              </td>
              <td>
                <UserActions user={u} unitOptions={unitOptions} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function UserActions({ user, unitOptions }: { user: UserItem; unitOptions: UnitOptions }) {
  const toggle = useAction(() => apiSend('PATCH', `/api/users/${encodeURIComponent(user.username)}`, { disabled: !user.disabled }));
  return (
    <div className="row-actions">
      <button type="button" className="btn" disabled={toggle.pending} onClick={() => void toggle.run()}>
        {user.disabled ? '启用' : '停用'}
      </button>
      {toggle.error ? <Refusal error={toggle.error} /> : null}
      <ActionGate label="修改角色" testId={`role-${user.username}`}>
        {(close) => (
          <FormPanel
            title={`修改 ${user.username} 的角色、单位或电子邮箱`}
            testId="change-role-form"
            intro={<p className="muted">角色或单位改变后，该用户已登录的会话立即失效，须按新的角色重新登录；只改电子邮箱不影响登录。</p>}
            fields={[
              { name: 'role', label: '角色', kind: 'select', options: optionsOf(ROLE_LABEL), required: true },
              { name: 'unitCode', label: '所属单位', kind: 'select', options: unitOptions, hint: '县区分局、执法人员必选；市级角色不选' },
              { name: 'email', label: '电子邮箱', hint: '接收本单位预警邮件；清空即不再发送' },
            ]}
            initial={{ role: user.role, unitCode: user.unitCode ?? '', email: user.email ?? '' }}
            submitLabel="保存"
            onSubmit={(v) => apiSend('PATCH', `/api/users/${encodeURIComponent(user.username)}`, roleChangeBody(user, { role: text(v, 'role'), unitCode: text(v, 'unitCode'), email: text(v, 'email') ?? '' }))}
            onDone={close}
            onCancel={close}
          />
        )}
      </ActionGate>
      <ActionGate label="重置密码" testId={`reset-${user.username}`}>
        {(close) => (
          <FormPanel
            title={`重置 ${user.username} 的密码`}
            fields={[{ name: 'password', label: '新密码', kind: 'password', required: true, hint: '至少 12 个字符，不能是常见密码或同一字符重复' }]}
            submitLabel="确定"
            onSubmit={(v) => apiSend('POST', `/api/users/${encodeURIComponent(user.username)}/password`, { password: v.password })}
            onDone={close}
            onCancel={close}
          />
        )}
      </ActionGate>
    </div>
  );
}
