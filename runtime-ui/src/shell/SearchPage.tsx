/** Placeholder until its owner builds it. */
export default function SearchPage() {
  return <div>SearchPage</div>;
}
