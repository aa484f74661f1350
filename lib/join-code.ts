/**
 * Join codes are read off a projector and typed on phones, so the alphabet leaves out characters that look
 * alike (0/O, 1/I/L) and vowels that could spell words. 6 characters of 28 symbols: about 482 million codes.
 */
export const JOIN_CODE_ALPHABET = "23456789BCDFGHJKMNPQRSTVWXYZ";
export const JOIN_CODE_LENGTH = 6;

/** Make a code from random bytes (one byte per character; rejection sampling keeps it uniform). */
export function joinCodeFromBytes(nextByte: () => number): string {
  const n = JOIN_CODE_ALPHABET.length;
  const limit = 256 - (256 % n);
  let code = "";
  while (code.length < JOIN_CODE_LENGTH) {
    const byte = nextByte();
    if (byte < limit) code += JOIN_CODE_ALPHABET[byte % n];
  }
  return code;
}

/** What people type: lower case, spaces, dashes. Returns the canonical code or null when it cannot be one. */
export function normaliseJoinCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, "");
  if (code.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of code) if (!JOIN_CODE_ALPHABET.includes(ch)) return null;
  return code;
}
