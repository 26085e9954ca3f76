/**
 * `/`: for internal users a workspace (approvals and notifications waiting, the records opened last, a shortcut to
 * each object); for portal users the dealer portal's home.
 */
import { lazy } from 'react';
import { AuditOutlined, BellOutlined, ClockCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Flex, List, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { pick } from '../i18n/index.ts';
import { recentItems } from './recent.ts';
import { useSession } from './session.tsx';

const PortalHome = lazy(() => import('../portal/PortalHome.tsx'));

export default function HomePage() {
  const { isPortal } = useSession();
  return isPortal ? <PortalHome /> : <Workspace />;
}

function Workspace() {
  const { t } = useTranslation('shell');
  const { app } = useSession();
  const objectLabel = (object: string) => pick(app.navigation.find((n) => n.object === object)?.label) || object;
  const recent = recentItems();
  return (
    <Flex vertical gap={16} data-testid="home-page">
      <Typography.Title level={4} style={{ margin: 0 }}>{t('welcome', { name: app.user.displayName || app.user.username })}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={12} md={6}>
          <Link to="/inbox" data-testid="home-inbox">
            <Card hoverable size="small"><Statistic title={t('pendingApprovals')} value={app.counts.inbox} prefix={<AuditOutlined />} styles={{ content: { color: app.counts.inbox ? '#d4380d' : undefined } }} /></Card>
          </Link>
        </Col>
        <Col xs={12} md={6}>
          <Link to="/notifications" data-testid="home-notifications">
            <Card hoverable size="small"><Statistic title={t('unreadNotifications')} value={app.counts.notifications} prefix={<BellOutlined />} /></Card>
          </Link>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={<><ClockCircleOutlined /> {t('recent')}</>} size="small" data-testid="home-recent">
            {recent.length ? (
              <List size="small" dataSource={recent} renderItem={(item) => (
                <List.Item extra={<Typography.Text type="secondary">{objectLabel(item.object)}</Typography.Text>}>
                  <Link to={`/o/${item.object}/${item.id}`} data-testid="recent-item">{item.title || item.id}</Link>
                </List.Item>
              )} />
            ) : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('noRecent')} />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('shortcuts')} size="small" data-testid="home-shortcuts">
            <List size="small" dataSource={app.navigation} renderItem={(item) => (
              <List.Item extra={item.canCreate && (
                <Link to={`/o/${item.object}/new`}><Button size="small" type="text" icon={<PlusOutlined />}>{t('newRecord')}</Button></Link>
              )}>
                <Link to={`/o/${item.object}`} data-testid={`shortcut-${item.object}`}>{pick(item.label)}</Link>
              </List.Item>
            )} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
