/**
 * How many threads read a roll-up's workbooks: a thread per free core but one, none more than a dozen files
 * can use, and what the environment variable says when it is set.
 */
import { busyCores, threadsFor, THREADS_VARIABLE } from "../../src/cli/rollup-pool";

describe("threadsFor", () => {
  test("a thread per free core but one: two idle cores read with one thread, four with three, busy ones with one", () => {
    expect(threadsFor(200, {}, 2, 0.3)).toBe(1);
    expect(threadsFor(200, {}, 4, 0.3)).toBe(3);
    expect(threadsFor(200, {}, 2, 5)).toBe(1);
    expect(threadsFor(200, {}, 8, 2)).toBe(5);
    expect(threadsFor(200, {}, 16, 0)).toBe(8);
  });

  test("no more threads than a dozen files each can use", () => {
    expect(threadsFor(11, {}, 8, 0)).toBe(1);
    expect(threadsFor(12, {}, 8, 0)).toBe(2);
    expect(threadsFor(30, {}, 8, 0)).toBe(3);
    expect(threadsFor(1000, {}, 8, 0)).toBe(7);
    expect(threadsFor(1000, {}, 12, 0)).toBe(8);
  });

  test("the environment variable decides when set (within 1 to 8 and the number of files)", () => {
    expect(threadsFor(200, { [THREADS_VARIABLE]: "3" }, 2, 9)).toBe(3);
    expect(threadsFor(2, { [THREADS_VARIABLE]: "4" }, 8, 0)).toBe(2);
    expect(threadsFor(200, { [THREADS_VARIABLE]: "0" }, 2, 9)).toBe(1);
  });
});

describe("busyCores", () => {
  test("a load average left by work that has ended does not count: only what runs now and ran this minute", () => {
    // The previous command left a load average of 1.4; now only this process runs.
    expect(busyCores("1.40 0.60 0.30 1/312 4711\n", 1.4)).toBe(0);
    // Two other threads run now and the machine has been busy all minute.
    expect(busyCores("2.90 2.10 1.30 3/312 4711\n", 2.9)).toBe(2);
    // A burst of threads now on a machine that was idle this minute: the load average decides.
    expect(busyCores("0.20 0.10 0.05 7/312 4711\n", 0.2)).toBe(0.2);
  });

  test("where /proc/loadavg cannot be read or says something else, the load average alone", () => {
    expect(busyCores(null, 3.5)).toBe(3.5);
    expect(busyCores("unexpected", 0.7)).toBe(0.7);
  });

  test("on an idle four-core machine just after other work, three threads read", () => {
    expect(threadsFor(200, {}, 4, busyCores("1.40 0.60 0.30 1/312 4711\n", 1.4))).toBe(3);
  });
});
