/** ASVS 5.0 L2 allows 8 as the minimum length; no composition rules, long passphrases welcome. */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
