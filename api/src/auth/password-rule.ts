import { DomainError } from '../common/domain-error.js';
import { COMMON_PASSWORDS } from './common-passwords.js';

// The password rule of every path that sets one (API create, reset, change own; CLI user create; the
// first start's admin): at least 12 characters, not a common password, not one character repeated.
export const MIN_PASSWORD_LENGTH = 12;

/** Why `password` is too weak, or undefined when it passes. */
export function weakPasswordReason(password: string, username?: string): string | undefined {
  const chars = [...password];
  if (chars.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters (密码至少 ${MIN_PASSWORD_LENGTH} 位), this one has ${chars.length}`;
  if (new Set(chars).size === 1) return 'a password may not be one character repeated (密码不能是同一字符重复)';
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return 'this password is on the list of common passwords that are guessed first (常用密码，容易被猜中)';
  if (username && lower === username.toLowerCase()) return 'a password may not be the username (密码不能与用户名相同)';
  return undefined;
}

/** Refuses a weak password with 400 WEAK_PASSWORD naming the body field (`password` or `newPassword`). */
export function assertStrongPassword(password: string, field: 'password' | 'newPassword', username?: string): void {
  const why = weakPasswordReason(password, username);
  if (why) throw new DomainError('WEAK_PASSWORD', `${field}: ${why}`);
}
