/** The pure inspection engine: no Office, no DOM, no file system. */
export * from "./address";
export * from "./grid";
export * from "./framework";
export * from "./issues";
export * from "./values";
export * from "./settings";
export * from "./criteria-sheet";
export * from "./cases";
export * from "./phrases";
export * from "./statistics";
export * from "./analyse";
export * from "./report-json";
export * from "./template";
export * from "./layout/model";
export * from "./layout/build";
