// ESLint 9 flat config, used by `npm run lint` (office-addin-lint picks up this file).
// Starts from eslint-plugin-office-addins' recommended set, as the yo office template does:
// eslint:recommended, typescript-eslint's no-unused-vars, the Office.js rules
// (load-object-before-read, no-context-sync-in-loop, …).
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

// Node's globals for the build scripts and configs (the `globals` package is only a transitive
// dependency here, so the few names used are listed instead).
const nodeGlobals = Object.fromEntries(
  [
    "require", "module", "exports", "__dirname", "__filename", "process", "console", "Buffer",
    "URL", "setTimeout", "clearTimeout", "setInterval", "clearInterval", "globalThis",
  ].map((name) => [name, "readonly"])
);

export default [
  { ignores: ["dist/**", "lib/**", "coverage/**", "node_modules/**", "test-results/**"] },
  ...officeAddins.configs.recommended,
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"],
    languageOptions: {
      parser: tsParser,
      ecmaVersion: 2022,
      sourceType: "module",
    },
    rules: {
      // TypeScript resolves names itself, with the right lib and types per folder (core has no
      // DOM, Node or Office types); ESLint's no-undef does not know about types or globals
      // declared in .d.ts files and only reports false positives.
      "no-undef": "off",
      // Overloads and `declare` merges are legal TypeScript.
      "no-redeclare": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "commonjs",
      globals: nodeGlobals,
    },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: nodeGlobals,
    },
  },
  {
    // Formatting is not a lint error here: the codebase keeps its own line layout (long lines in
    // the engine), which prettier would rewrite wholesale. `npm run prettier` formats on request.
    rules: { "prettier/prettier": "off" },
  },
];
