/** What a signed-in user without the `deploy` right sees instead of the studio. */
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../../runtime-ui/src/shell/LanguageSwitch.tsx';

export function Forbidden({ onLogout }: { onLogout: () => Promise<void> }) {
  const { t } = useTranslation('shell');
  return (
    <div data-testid="studio-forbidden">
      <div style={{ textAlign: 'right', padding: 12 }}><LanguageSwitch /></div>
      <Result
        status="403"
        title={t('forbidden.title')}
        subTitle={t('forbidden.detail')}
        extra={[
          <Button key="app" type="primary" href="/">{t('forbidden.runtime')}</Button>,
          <Button key="logout" onClick={() => void onLogout()}>{t('logout')}</Button>,
        ]}
      />
    </div>
  );
}
