/** Every problem the engine found, under the canvas; one on a node or an edge selects it. */
import { List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { LocatedProblems, PlacedProblem } from './locate-problems.ts';

export function ProblemList({ problems, onPick }: { problems: LocatedProblems; onPick: (problem: PlacedProblem) => void }) {
  const { t } = useTranslation('workflows');
  if (!problems.list.length) return null;
  return (
    <List
      size="small"
      bordered
      header={<Typography.Text type="danger" strong>{t('problems.title', { count: problems.list.length })}</Typography.Text>}
      dataSource={problems.list}
      style={{ marginTop: 12, background: '#fff' }}
      data-testid="workflow-problems"
      renderItem={(problem) => (
        <List.Item
          data-testid="workflow-problem"
          onClick={() => onPick(problem)}
          style={{ cursor: problem.node || problem.edge ? 'pointer' : undefined }}
        >
          <Typography.Text type="danger">{problem.message}</Typography.Text>
        </List.Item>
      )}
    />
  );
}
