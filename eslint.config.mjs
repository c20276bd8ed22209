import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import simpleImportSort from "eslint-plugin-simple-import-sort";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "src/__generated__/"] },
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
  {
    files: ["src/qrcode/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["graphql", "graphql-*", "type-graphql", "@apollo/*"],
              message: "The domain never imports GraphQL.",
            },
            {
              group: [
                "fastify",
                "ioredis",
                "jose",
                "rate-limiter-flexible",
                "sharp",
                "undici",
                "**/graphql/**",
                "**/http/**",
                "**/auth/**",
                "**/hooks/**",
                "**/store/**",
                "**/wechat/**",
                "**/imaging/**",
              ],
              message: "The domain sees ports only.",
            },
          ],
        },
      ],
    },
  },
  {
    // Adapters implement the domain's ports; they know nothing of the API above them.
    files: [
      "src/store/**/*.ts",
      "src/auth/**/*.ts",
      "src/hooks/**/*.ts",
      "src/wechat/**/*.ts",
      "src/imaging/**/*.ts",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["graphql", "graphql-*", "type-graphql", "@apollo/*", "fastify", "@fastify/*"],
              message: "Adapters never import GraphQL or HTTP.",
            },
            {
              group: ["**/graphql/**", "**/http/**"],
              message: "Adapters never import the API layers.",
            },
          ],
        },
      ],
    },
  },
  {
    // Resolvers are thin: they call a service, never a store or a WeChat client.
    files: ["src/graphql/resolvers/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: [
                "ioredis",
                "**/store/**",
                "**/wechat/**",
                "**/imaging/**",
                "**/auth/**",
                "**/hooks/**",
              ],
              message: "Resolvers call services only.",
            },
          ],
        },
      ],
    },
  },
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
  prettier,
);
