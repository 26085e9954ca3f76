import type { Knex } from 'knex';

/** Users' credentials and place in the organisation, sessions, API tokens and the access audit. */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('qd_users', (t) => {
    t.text('email');
    /** argon2id; null until a password is set (such a user cannot log in). */
    t.text('password_hash');
    t.timestamp('password_changed_at', { useTz: true });
    /** The `role` document the user holds; null for none. */
    t.text('role');
    /** `permissionSet` documents granted to this user beyond those of the role. */
    t.specificType('permission_sets', 'text[]').notNullable().defaultTo('{}');
    /** For a portal user: the record of the portal account object (the pack's dealer) the user belongs to. */
    t.uuid('account_id');
    t.integer('failed_logins').notNullable().defaultTo(0);
    t.timestamp('locked_until', { useTz: true });
    t.timestamp('last_login_at', { useTz: true });
    t.integer('version').notNullable().defaultTo(1);
    t.index(['role']);
  });
  // The bootstrap user of earlier starts: it holds the built-in admin role (its password comes at the next start).
  await knex('qd_users').where({ username: 'admin' }).update({ role: 'admin' });
  await knex.raw(`ALTER TABLE qd_users ADD CONSTRAINT qd_users_kind_check CHECK (kind IN ('internal', 'portal'))`);
  await knex.raw(`ALTER TABLE qd_users ADD CONSTRAINT qd_users_portal_account_check CHECK ((kind = 'portal') = (account_id IS NOT NULL))`);

  await knex.schema.createTable('qd_sessions', (t) => {
    /** SHA-256 of the cookie's token: the database never holds a usable session token. */
    t.text('token_hash').primary();
    t.uuid('user_id').notNullable().references('id').inTable('qd_users').onDelete('CASCADE');
    t.text('csrf_token').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.text('ip');
    t.text('user_agent');
    t.index(['user_id']);
    t.index(['expires_at']);
  });

  await knex.schema.createTable('qd_api_tokens', (t) => {
    t.uuid('id').primary();
    t.uuid('user_id').notNullable().references('id').inTable('qd_users').onDelete('CASCADE');
    t.text('name').notNullable();
    /** SHA-256 of the token, shown once at creation. */
    t.text('token_hash').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true });
    t.timestamp('last_used_at', { useTz: true });
    t.timestamp('revoked_at', { useTz: true });
    t.index(['user_id']);
  });

  await knex.schema.createTable('qd_access_audit', (t) => {
    t.bigIncrements('id');
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    /** login, login_failed, locked, logout, password_changed, password_reset, user_created, user_changed, user_deactivated,
     *  token_created, token_revoked, deploy, plugin_install, plugin_upgrade, plugin_uninstall */
    t.text('event').notNullable();
    t.uuid('user_id');
    t.text('username');
    t.text('ip');
    t.text('user_agent');
    t.text('request_id');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.index(['at']);
    // Pages are newest first by id, filtered by event or by user.
    t.index(['event', 'id']);
    t.index(['user_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('qd_access_audit');
  await knex.schema.dropTableIfExists('qd_api_tokens');
  await knex.schema.dropTableIfExists('qd_sessions');
  await knex.raw('ALTER TABLE qd_users DROP CONSTRAINT IF EXISTS qd_users_portal_account_check');
  await knex.raw('ALTER TABLE qd_users DROP CONSTRAINT IF EXISTS qd_users_kind_check');
  await knex.schema.alterTable('qd_users', (t) => {
    for (const column of ['email', 'password_hash', 'password_changed_at', 'role', 'permission_sets', 'account_id',
      'failed_logins', 'locked_until', 'last_login_at', 'version']) t.dropColumn(column);
  });
}
