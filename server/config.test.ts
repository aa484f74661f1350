/** The environment as the server reads it: TRUST_PROXY as a number of proxy hops, bad values refused by name. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";

/** An environment with nothing set but what the case sets (Next's types require NODE_ENV). */
const env = (vars: Record<string, string>): NodeJS.ProcessEnv => ({ NODE_ENV: "production", ...vars });

describe("TRUST_PROXY", () => {
  it.each<[string | undefined, number]>([
    [undefined, 0],
    ["0", 0],
    ["false", 0],
    ["1", 1],
    ["true", 1],
    ["2", 2],
  ])("%s is %i trusted hops", (value, hops) => {
    expect(loadConfig(env(value === undefined ? {} : { TRUST_PROXY: value })).trustProxy).toBe(hops);
  });

  it.each(["yes", "-1", "1.5", "", " 1", "TRUE", "1,2"])("refuses %j with a message that names the variable and what it takes", (value) => {
    expect(() => loadConfig(env({ TRUST_PROXY: value }))).toThrow(/^Bad configuration: TRUST_PROXY: must be the number of reverse proxies in front/);
  });
});
