/**
 * The function file of the ribbon (commands.html → commands.ts) registers "Check cases" only once
 * Office.js is ready, inside Office.onReady, as Microsoft's "Create add-in commands" requires
 * ("Office.js must be initialized before the add-in command logic runs").
 */
import { CHECK_CASES_FUNCTION } from "../../src/commands/check-cases";

interface FakeOffice {
  onReady(callback?: (info: { host: string; platform: string }) => void): Promise<{ host: string; platform: string }>;
  actions: { associate: jest.Mock };
}

test("Check cases is associated with its function name inside Office.onReady, not before", async () => {
  const g = globalThis as Record<string, unknown>;
  const previous = g["Office"];
  let ready: () => void = () => undefined;
  const office: FakeOffice = {
    onReady(callback) {
      return new Promise((resolve) => {
        ready = () => {
          const info = { host: "Excel", platform: "OfficeOnline" };
          callback?.(info);
          resolve(info);
        };
      });
    },
    actions: { associate: jest.fn() },
  };
  g["Office"] = office;
  try {
    jest.isolateModules(() => {
      require("../../src/commands/commands");
    });
    expect(office.actions.associate).not.toHaveBeenCalled();
    expect(g[CHECK_CASES_FUNCTION]).toBeUndefined();
    ready();
    await Promise.resolve();
    expect(office.actions.associate).toHaveBeenCalledTimes(1);
    expect(office.actions.associate).toHaveBeenCalledWith(CHECK_CASES_FUNCTION, expect.any(Function));
    expect(typeof g[CHECK_CASES_FUNCTION]).toBe("function");
  } finally {
    if (previous === undefined) delete g["Office"];
    else g["Office"] = previous;
    delete g[CHECK_CASES_FUNCTION];
  }
});
