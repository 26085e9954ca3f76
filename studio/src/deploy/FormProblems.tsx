/** The problems of a refused deploy above a form. */
import { Alert } from 'antd';
import type { Problems } from './problems.ts';

export function FormProblems({ problems }: { problems: Problems | null }) {
  if (!problems) return null;
  const description = problems.errors.length ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{problems.errors.map((e, i) => <li key={i}>{e}</li>)}</ul> : undefined;
  return <Alert type="error" showIcon title={problems.message} description={description} style={{ marginBottom: 16 }} data-testid="deploy-problems" />;
}
