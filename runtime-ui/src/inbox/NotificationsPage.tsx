/** `/notifications`: the user's notifications, newest first, unread ones marked; opening one marks it read. */
import { useState } from 'react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Badge, Button, Card, Flex, List, Switch, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../shell/session.tsx';
import { fetchNotifications, markRead, type Notification } from './inbox-api.ts';

export default function NotificationsPage() {
  const { t } = useTranslation('inbox');
  const { refresh } = useSession();
  const queryClient = useQueryClient();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [readNow, setReadNow] = useState<Set<string>>(new Set());
  const list = useInfiniteQuery({
    queryKey: ['notifications', unreadOnly],
    queryFn: ({ pageParam, signal }) => fetchNotifications(unreadOnly, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = list.data?.pages.flatMap((p) => p.data) ?? [];

  const open = async (item: Notification) => {
    if (item.readAt || readNow.has(item.id)) return;
    setReadNow((prev) => new Set(prev).add(item.id));
    await markRead(item.id).catch(() => undefined);
    await Promise.all([refresh(), queryClient.invalidateQueries({ queryKey: ['notifications'] })]);
  };

  return (
    <Card data-testid="notifications-page"
      title={t('notifications')}
      extra={<Flex gap={8} align="center"><Typography.Text type="secondary">{t('unreadOnly')}</Typography.Text><Switch size="small" checked={unreadOnly} onChange={setUnreadOnly} /></Flex>}>
      {list.isError && <Alert type="error" showIcon title={t('loadFailed')} description={(list.error as Error).message} />}
      <List<Notification>
        loading={list.isPending}
        dataSource={items}
        locale={{ emptyText: t('notificationsEmpty') }}
        renderItem={(item) => {
          const unread = !item.readAt && !readNow.has(item.id);
          return (
            <List.Item
              onClick={() => void open(item)}
              style={{ cursor: unread ? 'pointer' : undefined, background: unread ? '#f0f6ff' : undefined, paddingInline: 12 }}
              data-testid="notification" data-unread={unread || undefined}
              actions={[
                ...(item.object && item.recordId ? [<Link key="open" to={`/o/${item.object}/${item.recordId}`} onClick={() => void open(item)}>{t('openRecord')}</Link>] : []),
                ...(unread ? [<Button key="read" type="link" size="small" onClick={(e) => { e.stopPropagation(); void open(item); }} data-testid="notification-read">{t('markRead')}</Button>] : []),
              ]}
            >
              <List.Item.Meta
                avatar={<Badge status={unread ? 'processing' : 'default'} />}
                title={<Typography.Text strong={unread}>{item.subject}</Typography.Text>}
                description={<Flex vertical gap={2}><span style={{ whiteSpace: 'pre-wrap' }}>{item.body}</span><Typography.Text type="secondary" style={{ fontSize: 12 }}>{dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text></Flex>}
              />
            </List.Item>
          );
        }}
      />
      {list.hasNextPage && <Flex justify="center"><Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>{t('loadMore')}</Button></Flex>}
    </Card>
  );
}
