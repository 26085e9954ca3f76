/** Placeholder until its owner builds it. */
export default function RecordPage() {
  return <div>RecordPage</div>;
}
