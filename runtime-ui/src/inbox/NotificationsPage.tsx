/** Placeholder until its owner builds it. */
export default function NotificationsPage() {
  return <div>NotificationsPage</div>;
}
