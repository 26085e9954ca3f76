/**
 * The history tab of any metadata document, loading its versions and rolling back through the confirmed deploy plan.
 * Rolling a document that exists only in the custom layer back to version 0 removes it: the page then goes to the
 * list of its kind.
 */
import { Alert, App, Spin } from 'antd';
import { useNavigate } from 'react-router';
import type { DocKind } from '../../../metadata/src/types.ts';
import { rollbackDocument } from '../api/meta.ts';
import { useDocumentHistory } from '../api/queries.ts';
import { useDeploy } from '../deploy/use-deploy.tsx';
import { problemsOf } from '../deploy/problems.ts';
import { HistoryTab } from './HistoryTab.tsx';

const LIST_OF: Partial<Record<DocKind, string>> = {
  object: '/objects',
  validationRule: '/rules',
  workflow: '/workflows',
  layout: '/layouts',
  role: '/permissions/roles',
  permissionSet: '/permissions/sets',
  sharingRule: '/permissions/sharing',
};

export function DocumentHistory({ kind, name }: { kind: DocKind; name: string }) {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const history = useDocumentHistory(kind, name);
  const { deploy, modal } = useDeploy();
  if (history.error) return <Alert type="error" showIcon title={history.error.message} />;
  if (!history.data) return <Spin style={{ display: 'block', margin: 48 }} />;

  const rollback = async (version: number) => {
    try {
      const deployed = await deploy((dryRun) => rollbackDocument(kind, name, version, dryRun));
      if (deployed && version === 0 && !history.data.some((v) => v.layer === 'base')) navigate(LIST_OF[kind] ?? '/');
    } catch (error) {
      void message.error(problemsOf(error).message);
    }
  };
  return (
    <>
      <HistoryTab history={history.data} onRollback={rollback} />
      {modal}
    </>
  );
}
