/** The zh-CN / en switch of the login page and the header. */
import { GlobalOutlined } from '@ant-design/icons';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeLanguage, currentLanguage, LANGUAGES, type Language } from '../i18n/setup.ts';

export function LanguageSwitch({ compact = false }: { compact?: boolean }) {
  const { t } = useTranslation('shell');
  const language = currentLanguage();
  const items = LANGUAGES.map((lng) => ({ key: lng, label: <span data-testid={`language-${lng}`}>{t(`languages.${lng}`)}</span> }));
  return (
    <Dropdown
      trigger={['click']}
      menu={{ items, selectable: true, selectedKeys: [language], onClick: ({ key }) => changeLanguage(key as Language) }}
    >
      <Button type="text" icon={<GlobalOutlined />} aria-label={t('language')} data-testid="language-switch">
        {compact ? null : t(`languages.${language}`)}
      </Button>
    </Dropdown>
  );
}
