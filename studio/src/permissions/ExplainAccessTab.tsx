/** "Explain access": pick a user, an object and (optionally) one of its records; the engine says what the user may do and why. */
import { useState } from 'react';
import { Alert, Flex, Form, Select, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ObjectDoc } from '../../../metadata/src/types.ts';
import { useDebouncedValue } from '../../../runtime-ui/src/form/use-debounced-value.ts';
import { useLookupSearch } from '../../../runtime-ui/src/form/widgets/lookup-queries.ts';
import { useDocuments, useObjects } from '../api/queries.ts';
import { pick } from '../i18n/index.ts';
import { useActiveUsers, useExplanation } from './access-api.ts';
import { ExplainAnswer } from './ExplainAnswer.tsx';

export function ExplainAccessTab() {
  const { t } = useTranslation('permissions');
  const users = useActiveUsers();
  const objects = useObjects();
  const sets = useDocuments('permissionSet');
  const roles = useDocuments('role');
  const rules = useDocuments('sharingRule');
  const [user, setUser] = useState<string>();
  const [object, setObject] = useState<string>();
  const [record, setRecord] = useState<string>();
  const answer = useExplanation(user && object ? { user, object, id: record } : null);
  const objectDoc = objects.data?.find((o) => o.name === object);

  return (
    <div data-testid="explain-tab">
      <Typography.Paragraph type="secondary">{t('explain.intro')}</Typography.Paragraph>
      <Form layout="vertical">
        <Flex gap={16} wrap>
          <Form.Item label={t('explain.user')} style={{ width: 280 }}>
            <Select
              showSearch
              optionFilterProp="label"
              placeholder={t('explain.pickUser')}
              loading={users.isPending}
              value={user}
              onChange={setUser}
              options={(users.data ?? []).map((u) => ({ value: u.username, label: `${u.displayName ?? u.username} (${u.username})` }))}
              data-testid="explain-user"
            />
          </Form.Item>
          <Form.Item label={t('explain.object')} style={{ width: 280 }}>
            <Select
              showSearch
              optionFilterProp="label"
              value={object}
              onChange={(next) => { setObject(next); setRecord(undefined); }}
              options={(objects.data ?? []).map((o) => ({ value: o.name, label: `${pick(o.label)} (${o.name})` }))}
              data-testid="explain-object"
            />
          </Form.Item>
          <Form.Item label={t('explain.record')} style={{ width: 360 }}>
            <RecordSelect key={object ?? ''} object={objectDoc} value={record} onChange={setRecord} />
          </Form.Item>
        </Flex>
      </Form>
      {users.error && <Alert type="error" showIcon title={users.error.message} />}
      {answer.error && <Alert type="error" showIcon title={answer.error.message} data-testid="explain-error" />}
      {answer.isFetching && <Spin />}
      {answer.data && !answer.isFetching && (
        <ExplainAnswer answer={answer.data} object={objectDoc} sets={sets.data ?? []} roles={roles.data ?? []} rules={rules.data ?? []} />
      )}
    </div>
  );
}

const TYPE_AHEAD_DELAY = 250;

/** The field a record's title shows (the engine's rule): the object's titleField, else `name`, else the id. */
const titleFieldOf = (object: ObjectDoc) => object.titleField ?? (object.fields.some((f) => f.name === 'name' && !f.removed) ? 'name' : null);

/** The object's records searched by title as the admin types. */
function RecordSelect({ object, value, onChange }: { object: ObjectDoc | undefined; value?: string; onChange: (id: string | undefined) => void }) {
  const { t } = useTranslation('permissions');
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [chosen, setChosen] = useState<{ value: string; label: string }>();
  const titleField = object ? titleFieldOf(object) : null;
  const search = useLookupSearch(object?.name ?? '', titleField, useDebouncedValue(text, TYPE_AHEAD_DELAY), open && !!object);
  const found = (search.data?.data ?? []).map((r) => ({ value: r.id, label: titleField && r[titleField] ? String(r[titleField]) : r.id }));
  // The chosen record stays named once the search moves on.
  const options = chosen && chosen.value === value && !found.some((o) => o.value === value) ? [chosen, ...found] : found;
  return (
    <Select
      allowClear
      disabled={!object}
      showSearch={{ filterOption: false, onSearch: setText, searchValue: text }}
      placeholder={t('explain.pickRecord')}
      value={value}
      options={options}
      notFoundContent={search.isFetching ? <Spin size="small" /> : t('explain.noMatches')}
      onOpenChange={setOpen}
      onChange={(next, option) => {
        setChosen(next && option && !Array.isArray(option) ? { value: next, label: String(option.label) } : undefined);
        onChange(next ?? undefined);
        setText('');
      }}
      data-testid="explain-record-select"
    />
  );
}
