import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** What a missing page, and a record the user may not see, both show: the same words, so nothing leaks. */
export function NotFound() {
  const { t } = useTranslation('shell');
  return (
    <Result
      status="404"
      title={t('notFound')}
      subTitle={t('notFoundDetail')}
      extra={<Link to="/"><Button type="primary">{t('backHome')}</Button></Link>}
    />
  );
}
