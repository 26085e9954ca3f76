/** `/search?q=`: the global search's hits, grouped by object, each linking to its record. */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Flex, Input, List, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { UiSearchHit } from '../../../metadata/src/ui-contract.ts';
import { api, withQuery } from '../api/client.ts';
import { pick } from '../i18n/index.ts';
import { useSession } from './session.tsx';

async function search(q: string, signal: AbortSignal): Promise<UiSearchHit[]> {
  const answer = await api<UiSearchHit[] | { data: UiSearchHit[] }>(withQuery('/api/search', { q }), { signal });
  return Array.isArray(answer) ? answer : answer.data;
}

function groupByObject(hits: UiSearchHit[]): [string, UiSearchHit[]][] {
  const groups = new Map<string, UiSearchHit[]>();
  for (const hit of hits) groups.set(hit.object, [...(groups.get(hit.object) ?? []), hit]);
  return [...groups];
}

export default function SearchPage() {
  const { t } = useTranslation('shell');
  const { app } = useSession();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const hits = useQuery({ queryKey: ['search', q], enabled: q.length > 0, queryFn: ({ signal }) => search(q, signal) });
  const label = (object: string) => pick(app.navigation.find((n) => n.object === object)?.label) || object;
  return (
    <Flex vertical gap={16} data-testid="search-page">
      <Input.Search value={text} onChange={(e) => setText(e.target.value)} onSearch={(value) => setParams(value.trim() ? { q: value.trim() } : {})}
        placeholder={t('searchPlaceholder')} enterButton={t('search')} size="large" allowClear style={{ maxWidth: 640 }} data-testid="search-input" />
      {!q ? <Typography.Text type="secondary">{t('searchHint')}</Typography.Text>
        : hits.isPending ? <Skeleton active />
          : hits.isError ? <Alert type="error" showIcon title={t('error')} description={(hits.error as Error).message} />
            : hits.data.length === 0 ? <Card><Empty description={t('searchEmpty')} data-testid="search-empty" /></Card>
              : (
                <>
                  <Typography.Text type="secondary" data-testid="search-count">{t('searchCount', { count: hits.data.length })}</Typography.Text>
                  {groupByObject(hits.data).map(([object, group]) => (
                    <Card key={object} size="small" title={<>{label(object)} <Tag>{group.length}</Tag></>} data-testid={`search-group-${object}`}>
                      <List size="small" dataSource={group} renderItem={(hit) => (
                        <List.Item><Link to={`/o/${hit.object}/${hit.id}`} data-testid="search-hit">{hit.title || hit.id}</Link></List.Item>
                      )} />
                    </Card>
                  ))}
                </>
              )}
    </Flex>
  );
}
