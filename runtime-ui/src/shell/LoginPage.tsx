/** Placeholder until its owner builds it. */
export function LoginPage({ onLoggedIn }: { onLoggedIn: () => Promise<void> }) {
  void onLoggedIn;
  return <div>login</div>;
}
