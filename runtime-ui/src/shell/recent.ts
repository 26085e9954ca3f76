/** The records a user opened last, kept in this browser per user: the home page lists them. */
export interface RecentItem {
  object: string;
  id: string;
  title: string;
}

const LIMIT = 12;
let owner = 'anonymous';

/** Called once the session is known, so two people on one browser keep separate lists. */
export function setRecentOwner(userId: string): void {
  owner = userId;
}

const key = () => `qudao.recent.${owner}`;

export function recentItems(): RecentItem[] {
  try {
    const items = JSON.parse(localStorage.getItem(key()) ?? '[]') as unknown;
    return Array.isArray(items) ? (items as RecentItem[]) : [];
  } catch {
    return [];
  }
}

export function rememberRecent(item: RecentItem): void {
  const rest = recentItems().filter((r) => !(r.object === item.object && r.id === item.id));
  localStorage.setItem(key(), JSON.stringify([item, ...rest].slice(0, LIMIT)));
}
