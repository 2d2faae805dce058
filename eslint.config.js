// ESLint for all TypeScript in the repository (npm run lint): typescript-eslint's strictest type-checked preset.
// Each relaxation below is scoped to the files that need it, with the reason next to it.
import eslint from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: [
      "**/node_modules/**",
      "**/artifacts/**",
      "**/cache/**",
      "**/types/**",
      "**/coverage/**",
      "**/dist/**",
      "**/test-results/**",
    ],
  },
  eslint.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Amounts, ids and counts (number and bigint) in messages and logs print as their decimal digits; wrapping
      // each in String() adds noise and no safety (objects, nullish and unions stay refused).
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      // `() => show(id)` as a listener or callback is the usual shorthand; a void value returned from a block stays refused.
      "@typescript-eslint/no-confusing-void-expression": ["error", { ignoreArrowShorthand: true }],
    },
  },
  {
    // The console's browser tests and Playwright config are compiled by its tsconfig.test.json, not by a tsconfig.json
    // the project service would find.
    files: ["packages/console/test/**/*.ts", "packages/console/playwright.config.ts"],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: "./packages/console/tsconfig.test.json",
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // Plain JavaScript (this file, the SDK's smoke test) is in no tsconfig: lint it without type information.
    files: ["**/*.js", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { console: "readonly", process: "readonly", URL: "readonly" } },
  },
  {
    // Everything the root tsconfig compiles. It has no noUncheckedIndexedAccess (turning it on gives ~1,600 tsc
    // errors), so a lookup in a Record<string, T> is typed as always present and the code's deliberate
    // `=== undefined` / `?.` guards on such lookups read as "unnecessary". packages/sdk has the flag and keeps the rule.
    files: ["hardhat.config.ts", "deploy/**/*.ts", "tasks/**/*.ts", "scripts/**/*.ts", "test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unnecessary-condition": "off",
      // hardhat-ethers' getContractAt/deployContract/connect return TypeChain types declared over ethers' Contract
      // class, never values this rule can trace to a constructor.
      "@typescript-eslint/no-unsafe-class-instance-assignment": "off",
    },
  },
  {
    // These drive Aave V3's own contracts through ethers Contracts built from Aave's JSON ABIs: there are no TypeChain
    // types for them, so every call and result is `any`.
    files: ["scripts/bench/aave.ts", "test/attacks/pool-core-review.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
    },
  },
  {
    files: ["test/**/*.ts", "packages/console/test/**/*.ts"],
    rules: {
      // chai's property assertions (`expect(x).to.be.true`, `.to.be.properAddress`) are expressions by design.
      "@typescript-eslint/no-unused-expressions": "off",
      // Tests destructure `const { loadFixture, time } = networkHelpers` as Hardhat's templates do; Hardhat binds
      // every network-helpers method (bindAllMethods), so no `this` is lost.
      "@typescript-eslint/unbound-method": "off",
      // In a test a missing value (`(await getBlock("latest"))!`, a receipt, an optional record field) should crash
      // the test with a TypeError; a guard would only restate that.
      "@typescript-eslint/no-non-null-assertion": "off",
      // `const { name: _name, ...args } = x` drops a field on purpose.
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true }],
    },
  },
  {
    // Runs the SDK README's examples as written (new Function over the README's code) and prints what they log.
    files: ["test/sdk/readme.ts"],
    rules: { "@typescript-eslint/no-implied-eval": "off", "@typescript-eslint/no-base-to-string": "off" },
  },
);
