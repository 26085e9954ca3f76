/** The history tab of any metadata document, loading its versions and rolling back through the confirmed deploy plan. */
import { Alert, App, Spin } from 'antd';
import type { DocKind } from '../../../metadata/src/types.ts';
import { rollbackDocument, type DocumentVersion } from '../api/meta.ts';
import { useDocumentHistory } from '../api/queries.ts';
import { useDeploy } from '../deploy/use-deploy.tsx';
import { problemsOf } from '../deploy/problems.ts';
import { HistoryTab } from './HistoryTab.tsx';

export function DocumentHistory({ kind, name }: { kind: DocKind; name: string }) {
  const { message } = App.useApp();
  const history = useDocumentHistory(kind, name);
  const { deploy, modal } = useDeploy();
  if (history.error) return <Alert type="error" showIcon title={history.error.message} />;
  if (!history.data) return <Spin style={{ display: 'block', margin: 48 }} />;

  const rollback = async (version: DocumentVersion) => {
    try {
      await deploy((dryRun) => rollbackDocument(kind, name, version.version, dryRun));
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
