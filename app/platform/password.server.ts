import { hash, verify } from "@node-rs/argon2";

// argon2id, m = 19 MiB, t = 2, p = 1: the OWASP minimum, about 30 ms here.
const ARGON2_OPTIONS = { algorithm: 2 as const, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 };

export { PASSWORD_MIN_LENGTH } from "~/domain/password-policy";

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified when the account does not exist, so that timing does not reveal which names exist.
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-1");
  return dummyHash;
}
