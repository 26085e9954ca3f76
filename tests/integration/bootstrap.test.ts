/** The users a fresh database starts with: `admin` with a password printed once, and users a loader asks for. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureAdminUser, ensureUsers } from '../../engine/src/bootstrap.ts';
import { openDatabase, type Database } from '../../engine/src/db/connection.ts';
import { migrateLatest } from '../../engine/src/db/migrate.ts';
import { checkPasswordPolicy, verifyPassword } from '../../engine/src/security/passwords.ts';
import { createTestDatabase } from '../helpers/test-app.ts';

const opened: { db: Database; drop: () => Promise<void> }[] = [];

async function freshDatabase(): Promise<Database> {
  const { url, drop } = await createTestDatabase();
  const db = openDatabase({ databaseUrl: url, dataDir: '' });
  opened.push({ db, drop });
  await migrateLatest(db.knex);
  return db;
}

afterAll(async () => {
  for (const { db, drop } of opened) {
    await db.close();
    await drop();
  }
});

const adminRow = (db: Database) => db.knex('qd_users').where({ username: 'admin' }).first();

describe('the admin user', () => {
  let db: Database;
  beforeAll(async () => {
    db = await freshDatabase();
  });

  it('gets a random password within the policy on the first start, and it is handed back once', async () => {
    const first = await ensureAdminUser(db.knex);
    expect(first.firstPassword?.generated).toBe(true);
    const password = first.firstPassword!.password;
    expect(checkPasswordPolicy(password, 'admin')).toEqual([]);
    const row = await adminRow(db);
    expect(row).toMatchObject({ id: first.id, role: 'admin', kind: 'internal', active: true });
    expect(await verifyPassword(row.password_hash, password)).toBe(true);

    const second = await ensureAdminUser(db.knex, { password: 'Ignored-later-1' });
    expect(second).toEqual({ id: first.id });
    expect((await adminRow(db)).password_hash).toBe(row.password_hash);
  });
});

describe('QUDAO_ADMIN_PASSWORD', () => {
  it('is the first password when set, and is not printed', async () => {
    const db = await freshDatabase();
    const first = await ensureAdminUser(db.knex, { password: 'Chosen-by-ops-2026' });
    expect(first.firstPassword).toEqual({ password: 'Chosen-by-ops-2026', generated: false });
    expect(await verifyPassword((await adminRow(db)).password_hash, 'Chosen-by-ops-2026')).toBe(true);
  });

  it('is refused when it does not meet the policy, and nothing is set', async () => {
    const db = await freshDatabase();
    await expect(ensureAdminUser(db.knex, { password: 'admin' })).rejects.toThrow(/QUDAO_ADMIN_PASSWORD does not meet the password policy/);
    expect((await adminRow(db)).password_hash).toBeNull();
  });
});

describe('ensureUsers', () => {
  it('creates the users that are missing and leaves existing ones as they are', async () => {
    const db = await freshDatabase();
    await ensureAdminUser(db.knex);
    const users = [
      { username: 'channel.manager', displayName: '渠道经理', kind: 'internal' as const, role: 'channel_manager', password: 'Demo-password-1' },
      { username: 'compliance', displayName: '合规', kind: 'internal' as const, role: 'compliance', password: 'Demo-password-1' },
    ];
    expect(await ensureUsers(db.knex, users)).toEqual(['channel.manager', 'compliance']);
    await db.knex('qd_users').where({ username: 'compliance' }).update({ display_name: 'Changed by an admin' });
    expect(await ensureUsers(db.knex, users)).toEqual([]);
    const rows = await db.knex('qd_users').whereIn('username', ['channel.manager', 'compliance']).orderBy('username');
    expect(rows.map((r) => [r.username, r.display_name, r.role])).toEqual([
      ['channel.manager', '渠道经理', 'channel_manager'],
      ['compliance', 'Changed by an admin', 'compliance'],
    ]);
    expect(await verifyPassword(rows[0].password_hash, 'Demo-password-1')).toBe(true);
    await expect(ensureUsers(db.knex, [{ ...users[0], username: 'Bad Name' }])).rejects.toThrow(/not a valid user name/);
  });
});
