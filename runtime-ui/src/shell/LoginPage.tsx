/** The sign-in page: username and password, the language switch, and the API's own words when it refuses. */
import { useState } from 'react';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api, ApiError, setCsrfToken } from '../api/client.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

interface Credentials {
  username: string;
  password: string;
}

export function LoginPage({ onLoggedIn }: { onLoggedIn: () => Promise<void> }) {
  const { t } = useTranslation('shell');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (values: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api<{ csrfToken: string | null }>('/api/auth/login', { method: 'POST', body: values });
      setCsrfToken(answer.csrfToken);
      await onLoggedIn();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('login.failed'));
      setBusy(false);
    }
  };

  return (
    <Flex vertical align="center" justify="center" style={{ minHeight: '100vh', padding: 16, background: 'linear-gradient(160deg, #eef3fb 0%, #f7f9fc 60%)' }} data-testid="login-page">
      <div style={{ position: 'absolute', top: 12, right: 12 }}><LanguageSwitch /></div>
      <Card style={{ width: '100%', maxWidth: 380, boxShadow: '0 4px 24px rgba(31,95,191,0.10)' }}>
        <Flex vertical align="center" style={{ marginBottom: 24 }}>
          <Typography.Title level={3} style={{ margin: 0, color: '#1f5fbf' }}>{t('appName')}</Typography.Title>
          <Typography.Text type="secondary">{t('appTagline')}</Typography.Text>
        </Flex>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        <Form<Credentials> layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block size="large" loading={busy} data-testid="login-submit">{t('login.submit')}</Button>
        </Form>
      </Card>
    </Flex>
  );
}
