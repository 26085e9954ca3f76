/** Placeholder until its owner builds it. */
export default function ListPage() {
  return <div>ListPage</div>;
}
