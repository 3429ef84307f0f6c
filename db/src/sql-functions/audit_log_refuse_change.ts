import type { SqlFunction } from './index.js';

/**
 * Keeps the audit trail append-only in the database itself: the triggers on audit_log refuse
 * UPDATE, DELETE and TRUNCATE with it, so not even the application can rewrite what happened.
 */
export const auditLogRefuseChange: SqlFunction = {
  signature: 'audit_log_refuse_change()',
  statement: `CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END $$`,
};
