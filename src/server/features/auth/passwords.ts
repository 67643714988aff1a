import { hash, verify } from '@node-rs/argon2'
import { COMMON_PASSWORDS } from './common-passwords.ts'

// OWASP ASVS 5 (11.4.2): argon2id, 19 MiB memory, 2 iterations, 1 lane. argon2id is the
// library's default algorithm; the numbers are spelled out so a reader can check them.
export const ARGON2_OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

export const hashPassword = (password: string) => hash(password, ARGON2_OPTIONS)

export const verifyPassword = ({ hash: digest, password }: { hash: string; password: string }) =>
  verify(digest, password).catch(() => false)

export const PASSWORD_MIN = 8
export const PASSWORD_MAX = 128

/** ASVS 6.2: length only, no composition rules, and none of the most common passwords. */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase())
}
