/**
 * The audit trail's action codes (as the API writes them, and as the filter and the CSV take them)
 * with the keys of their words: literal keys, so the completeness test checks each in kk, ru and en.
 * A group is a code's first part: filtering by it finds every action of that kind.
 */
const ACTION_KEYS = [
  'admin.audit.actions.hotspot__create',
  'admin.audit.actions.hotspot__update',
  'admin.audit.actions.hotspot__transition',
  'admin.audit.actions.hotspot__comment',
  'admin.audit.actions.hotspot__delete',
  'admin.audit.actions.import__create',
  'admin.audit.actions.area__import',
  'admin.audit.actions.category__create',
  'admin.audit.actions.category__update',
  'admin.audit.actions.agency__create',
  'admin.audit.actions.agency__update',
  'admin.audit.actions.user__create',
  'admin.audit.actions.user__update',
  'admin.audit.actions.user__end_sessions',
  'admin.audit.actions.user__password_change',
  'admin.audit.actions.user__mfa_reset',
  'admin.audit.actions.session__sign_in',
  'admin.audit.actions.session__sign_in_failed',
  'admin.audit.actions.session__sign_out',
  'admin.audit.actions.session__mfa_failed',
  'admin.audit.actions.mfa__enrol',
  'admin.audit.actions.mfa__code_failed',
  'admin.audit.actions.mfa__recovery_codes_renew',
  'admin.audit.actions.mfa__remove',
  'admin.audit.actions.token__create',
  'admin.audit.actions.token__renew',
  'admin.audit.actions.token__revoke',
  'admin.audit.actions.sign_in_lock__clear',
  'admin.audit.actions.meeting__create',
  'admin.audit.actions.meeting__update',
  'admin.audit.actions.meeting__delete',
  'admin.audit.actions.agenda_item__create',
  'admin.audit.actions.agenda_item__update',
  'admin.audit.actions.agenda_item__delete',
  'admin.audit.actions.instruction__create',
  'admin.audit.actions.instruction__update',
  'admin.audit.actions.instruction__delete',
  'admin.audit.actions.instruction__report',
  'admin.audit.actions.instruction__accept',
  'admin.audit.actions.instruction__return',
];

/** Code → key: the key names the code with `__` for its dot (meeting__create is meeting.create). */
export const AUDIT_ACTIONS: Record<string, string> = Object.fromEntries(
  ACTION_KEYS.map((key) => [key.split('.').pop()!.replace('__', '.'), key]),
);

export const AUDIT_ACTION_GROUPS: Record<string, string> = {
  hotspot: 'admin.audit.groups.hotspot',
  user: 'admin.audit.groups.user',
  session: 'admin.audit.groups.session',
  mfa: 'admin.audit.groups.mfa',
  token: 'admin.audit.groups.token',
  meeting: 'admin.audit.groups.meeting',
  agenda_item: 'admin.audit.groups.agenda_item',
  instruction: 'admin.audit.groups.instruction',
  category: 'admin.audit.groups.category',
  agency: 'admin.audit.groups.agency',
};
