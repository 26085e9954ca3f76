/** An object page's "Rules" tab: the object's validation rules and a new one for it. */
import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDocuments } from '../api/queries.ts';
import { NewRuleModal } from './NewRuleModal.tsx';
import { RuleTable } from './RulesPage.tsx';

export function ObjectRules({ object }: { object: string }) {
  const { t } = useTranslation('rules');
  const rules = useDocuments('validationRule');
  const [creating, setCreating] = useState(false);
  return (
    <div data-testid="object-rules">
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="object-new-rule">{t('newRule')}</Button>
      </Flex>
      <RuleTable rules={(rules.data ?? []).filter((r) => r.object === object)} loading={rules.isPending} />
      <NewRuleModal open={creating} object={object} onClose={() => setCreating(false)} />
    </div>
  );
}
