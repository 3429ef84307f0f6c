/**
 * The API's codes for a new password it refuses (api/src/accounts/passwords.ts), placed beside the
 * form's password field and worded in the interface's language: its English (and zxcvbn's) never
 * reaches the person. Every form that sets a password passes these to useContractForm's `codes`.
 */
export function passwordCodes<Field extends string>(field: Field) {
  return {
    password_too_short: { field, key: 'account.passwordProblems.tooShort' },
    password_too_long: { field, key: 'account.passwordProblems.tooLong' },
    password_guessable: { field, key: 'account.passwordProblems.guessable' },
  };
}
