/** An access document's editor, and for one already deployed, its history beside it as a second tab. */
import type { ReactNode } from 'react';
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocKind } from '../../../metadata/src/types.ts';
import { DocumentHistory } from '../history/DocumentHistory.tsx';

interface Props {
  kind: DocKind;
  /** Undefined for a new document: the editor alone. */
  name: string | undefined;
  /** The history tab's test id. */
  testId: string;
  children: ReactNode;
}

export function WithHistory({ kind, name, testId, children }: Props) {
  const { t } = useTranslation('permissions');
  if (!name) return <>{children}</>;
  return (
    <Tabs items={[
      { key: 'edit', label: t('tabs.edit'), children },
      { key: 'history', label: <span data-testid={testId}>{t('tabs.history')}</span>, children: <DocumentHistory kind={kind} name={name} /> },
    ]} />
  );
}
