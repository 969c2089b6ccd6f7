/**
 * How many threads read a roll-up's workbooks: a thread per free core, none more than a dozen files
 * can use, and what the environment variable says when it is set.
 */
import { threadsFor, THREADS_VARIABLE } from "../../src/cli/rollup-pool";

describe("threadsFor", () => {
  test("a thread per free core: two idle cores read with two threads, two busy ones with one", () => {
    expect(threadsFor(200, {}, 2, 0.3)).toBe(2);
    expect(threadsFor(200, {}, 2, 5)).toBe(1);
    expect(threadsFor(200, {}, 8, 2)).toBe(6);
    expect(threadsFor(200, {}, 16, 0)).toBe(8);
  });

  test("no more threads than a dozen files each can use", () => {
    expect(threadsFor(11, {}, 8, 0)).toBe(1);
    expect(threadsFor(12, {}, 8, 0)).toBe(2);
    expect(threadsFor(30, {}, 8, 0)).toBe(3);
  });

  test("the environment variable decides when set (within 1 to 8 and the number of files)", () => {
    expect(threadsFor(200, { [THREADS_VARIABLE]: "3" }, 2, 9)).toBe(3);
    expect(threadsFor(2, { [THREADS_VARIABLE]: "4" }, 8, 0)).toBe(2);
    expect(threadsFor(200, { [THREADS_VARIABLE]: "0" }, 2, 9)).toBe(1);
  });
});
