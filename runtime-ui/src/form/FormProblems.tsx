/** Problems the fields can't show (a rule about the whole record, a hidden field) and a save that failed outright. */
import { Alert } from 'antd';
import type { FieldProblem } from './problems.ts';

export function FormProblems({ problems, failure }: { problems: FieldProblem[]; failure: string | null }) {
  if (!problems.length && !failure) return null;
  return (
    <Alert
      data-testid="form-alert"
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={failure ?? problems[0].message}
      description={problems.length > (failure ? 0 : 1) ? <ul style={{ margin: 0, paddingLeft: 20 }}>{problems.slice(failure ? 0 : 1).map((p, i) => <li key={i}>{p.message}</li>)}</ul> : undefined}
    />
  );
}
