/** Placeholder until its owner builds it. */
export default function HomePage() {
  return <div>HomePage</div>;
}
