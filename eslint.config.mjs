import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "node_modules/",
      "coverage/",
      "src/__generated__/",
      "packages/*/dist/",
      "packages/*/src/__generated__/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.ts"],
    plugins: { "simple-import-sort": simpleImportSort },
    rules: {
      curly: ["error", "all"],
      "no-restricted-exports": ["error", { restrictDefaultExports: { direct: true } }],
      "simple-import-sort/imports": "error",
      "simple-import-sort/exports": "error",
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-extraneous-class": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  // Layering (which folder may import which) is dependency-cruiser's allow-list:
  // .dependency-cruiser.cjs, run by `npm run lint`.
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: {
      globals: {
        module: "writable",
        require: "readonly",
        process: "readonly",
        __dirname: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // The mini program sample runs in WeChat, whose framework gives these globals.
    files: ["examples/wechat-miniprogram/**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { wx: "readonly", App: "readonly", Page: "readonly", getApp: "readonly" },
    },
  },
  prettier,
);
