import { hash, verify } from '@node-rs/argon2';

// Algorithm.Argon2id; the enum is a const enum, which isolated modules cannot import.
const ARGON2ID = 2;
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

import { MIN_PASSWORD_LENGTH } from '../contract/auth.js';
import { DomainError } from '../errors.js';

const MAX_PASSWORD_LENGTH = 200;

// zxcvbn's dictionaries include the most common passwords and keyboard walks.
const strength = new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });

/**
 * Why a password may not be used, as a stable code (the problem's `code`, which the web words in the
 * person's language) and English for API users; undefined when it may. Names and logins count as
 * guessable. zxcvbn's own feedback is English prose, so it is not passed on.
 */
export function passwordProblem(
  password: string,
  personal: string[] = [],
): { code: PasswordProblemCode; message: string; params?: { min?: number; max?: number } } | undefined {
  if (password.length < MIN_PASSWORD_LENGTH)
    return {
      code: 'password_too_short',
      message: `must be at least ${MIN_PASSWORD_LENGTH} characters long`,
      params: { min: MIN_PASSWORD_LENGTH },
    };
  if (password.length > MAX_PASSWORD_LENGTH)
    return {
      code: 'password_too_long',
      message: `must be at most ${MAX_PASSWORD_LENGTH} characters long`,
      params: { max: MAX_PASSWORD_LENGTH },
    };
  const result = strength.check(password, personal.filter(Boolean));
  if (result.score < 3) {
    return {
      code: 'password_guessable',
      message:
        'is too easy to guess (a common password, a pattern or your name); use a longer phrase of unrelated words',
    };
  }
  return undefined;
}

export type PasswordProblemCode = 'password_too_short' | 'password_too_long' | 'password_guessable';

/** Refuses a new password that may not be used, naming the body's `field` and the problem's code. */
export function refusePassword(field: string, password: string, personal: string[]): void {
  const problem = passwordProblem(password, personal);
  if (problem)
    throw new DomainError('invalid', `${field} ${problem.message}.`, {
      errors: [
        { field, code: problem.code, ...(problem.params ? { params: problem.params } : {}), message: problem.message },
      ],
      code: problem.code,
    });
}

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
