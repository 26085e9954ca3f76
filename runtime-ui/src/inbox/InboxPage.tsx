/** Placeholder until its owner builds it. */
export default function InboxPage() {
  return <div>InboxPage</div>;
}
