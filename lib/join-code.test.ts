import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, joinCodeFromBytes, normaliseJoinCode } from "./join-code";

/** A byte source that plays back a script and fails the test if the code asks for more than it holds. */
function scripted(bytes: readonly number[]) {
  let used = 0;
  const next = () => {
    const byte = bytes[used];
    if (byte === undefined) throw new Error(`byte source exhausted after ${used} bytes`);
    used++;
    return byte;
  };
  return { next, used: () => used };
}

const validCode = fc
  .array(fc.constantFrom(...JOIN_CODE_ALPHABET), { minLength: JOIN_CODE_LENGTH, maxLength: JOIN_CODE_LENGTH })
  .map((chars) => chars.join(""));

describe("JOIN_CODE_ALPHABET", () => {
  it.each(["0", "O", "1", "I", "L"])("leaves out the look-alike %s", (ch) => {
    expect(JOIN_CODE_ALPHABET).not.toContain(ch);
  });

  it.each(["A", "E", "U"])("leaves out the vowel %s so codes cannot spell words", (ch) => {
    expect(JOIN_CODE_ALPHABET).not.toContain(ch);
  });

  it("has 28 distinct upper-case symbols, so codes are 6 characters long", () => {
    expect(new Set(JOIN_CODE_ALPHABET).size).toBe(JOIN_CODE_ALPHABET.length);
    expect(JOIN_CODE_ALPHABET).toHaveLength(28);
    expect(JOIN_CODE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
    expect(JOIN_CODE_LENGTH).toBe(6);
  });
});

describe("joinCodeFromBytes", () => {
  it.each<[name: string, bytes: number[], code: string]>([
    ["the first six symbols", [0, 1, 2, 3, 4, 5], "234567"],
    ["the last symbol", [27, 27, 27, 27, 27, 27], "ZZZZZZ"],
    ["bytes wrapping round the alphabet", [28, 29, 55, 56, 83, 84], "23Z2Z2"],
    ["the highest accepted byte", [251, 251, 251, 251, 251, 251], "ZZZZZZ"],
    ["a mix", [8, 9, 10, 100, 200, 250], "BCDM6Y"],
  ])("turns %s into a code", (_name, bytes, code) => {
    const source = scripted(bytes);
    expect(joinCodeFromBytes(source.next)).toBe(code);
    expect(source.used()).toBe(6);
  });

  // 256 is not a multiple of 28, so the top 4 byte values would favour the first 4 symbols if they were kept.
  it.each([252, 253, 254, 255])("skips byte %i and draws another", (rejected) => {
    const source = scripted([rejected, 0, rejected, 1, 2, rejected, rejected, 3, 4, 5]);
    expect(joinCodeFromBytes(source.next)).toBe("234567");
    expect(source.used()).toBe(10);
  });

  it("keeps drawing through a long run of rejected bytes", () => {
    const source = scripted([...Array<number>(100).fill(255), 7, 7, 7, 7, 7, 7]);
    expect(joinCodeFromBytes(source.next)).toBe("999999");
    expect(source.used()).toBe(106);
  });

  it("uses every symbol equally often over all byte values", () => {
    // Highest first, so the 4 rejected bytes are drawn (and skipped) before the 252 accepted ones make 42 codes.
    const allBytes = Array.from({ length: 256 }, (_, i) => 255 - i);
    const source = scripted(allBytes);
    let symbols = "";
    for (let i = 0; i < 42; i++) symbols += joinCodeFromBytes(source.next);
    expect(source.used()).toBe(256);
    const perSymbol = new Map<string, number>();
    for (const ch of symbols) perSymbol.set(ch, (perSymbol.get(ch) ?? 0) + 1);
    expect([...perSymbol.keys()].sort().join("")).toBe([...JOIN_CODE_ALPHABET].sort().join(""));
    for (const count of perSymbol.values()) expect(count).toBe(9);
  });

  it("makes six alphabet characters from any byte stream", () => {
    fc.assert(
      fc.property(fc.infiniteStream(fc.integer({ min: 0, max: 255 })), (stream) => {
        const bytes = stream[Symbol.iterator]();
        const code = joinCodeFromBytes(() => bytes.next().value ?? 0);
        expect(code).toHaveLength(JOIN_CODE_LENGTH);
        for (const ch of code) expect(JOIN_CODE_ALPHABET).toContain(ch);
      }),
    );
  });

  it("makes valid, canonical codes from crypto random bytes", () => {
    for (let i = 0; i < 200; i++) {
      const bytes = randomBytes(64);
      let at = 0;
      const code = joinCodeFromBytes(() => bytes[at++] ?? 0);
      expect(code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{${JOIN_CODE_LENGTH}}$`));
      expect(normaliseJoinCode(code)).toBe(code);
    }
  });
});

describe("normaliseJoinCode", () => {
  it.each<[typed: string, code: string]>([
    ["BCDFGH", "BCDFGH"],
    ["bcdfgh", "BCDFGH"],
    ["BcDfGh", "BCDFGH"],
    ["bcd fgh", "BCDFGH"],
    ["bcd-fgh", "BCDFGH"],
    ["BC-DF-GH", "BCDFGH"],
    ["  bcdfgh  ", "BCDFGH"],
    ["b c d f g h", "BCDFGH"],
    ["bcd\tfgh\n", "BCDFGH"],
    ["23 45-67", "234567"],
    ["9z9z9z", "9Z9Z9Z"],
  ])("accepts %j as %s", (typed, code) => {
    expect(normaliseJoinCode(typed)).toBe(code);
  });

  it.each<[why: string, typed: string]>([
    ["empty", ""],
    ["only separators", " - - "],
    ["too short", "BCDFG"],
    ["too long", "BCDFGHJ"],
    ["too long after removing dashes", "BCD-FGH-J"],
    ["a zero", "BCDFG0"],
    ["a letter O", "BCDFGO"],
    ["a one", "BCDFG1"],
    ["a letter I", "bcdfgi"],
    ["a letter L", "bcdfgl"],
    ["a vowel", "BCDFGA"],
    ["an underscore", "BCD_FG"],
    ["a dot", "BCD.FG"],
    ["punctuation", "BCDFG!"],
    ["an accented letter", "BCDFGÇ"],
  ])("rejects a code that is %s", (_why, typed) => {
    expect(normaliseJoinCode(typed)).toBeNull();
  });

  it("gives back every valid code, however it was typed", () => {
    fc.assert(
      fc.property(validCode, fc.boolean(), fc.constantFrom("", " ", "-", " - "), (code, lower, separator) => {
        const typed = `${code.slice(0, 3)}${separator}${code.slice(3)}`;
        expect(normaliseJoinCode(lower ? typed.toLowerCase() : typed)).toBe(code);
      }),
    );
  });
});
