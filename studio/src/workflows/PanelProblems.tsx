/** The engine's problems with what the side panel shows, above its settings. */
import { Alert } from 'antd';

export function PanelProblems({ messages }: { messages: string[] }) {
  if (!messages.length) return null;
  const description = <ul style={{ margin: 0, paddingInlineStart: 18 }}>{messages.map((m, i) => <li key={i}>{m}</li>)}</ul>;
  return <Alert type="error" showIcon description={description} style={{ marginBottom: 12 }} data-testid="panel-problems" />;
}
