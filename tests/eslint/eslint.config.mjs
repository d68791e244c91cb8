// The JavaScript linter's rules (ESLint flat config): the recommended rules, for scripts
// that run in a browser (ES2022). tests/test_jslint.py runs it from the repository root:
//   tests/eslint/node_modules/.bin/eslint --config tests/eslint/eslint.config.mjs \
//     book/widget-loader.js book/_static medialit/exercises
// after `npm ci` in tests/eslint.
import js from "@eslint/js";
import globals from "globals";

const browser = { ...globals.browser, ...globals.es2021 };

export default [
  {
    ...js.configs.recommended,
    files: ["**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "script", globals: browser },
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    // The widget's files are ES modules (anywidget imports them; node imports the checker).
    files: ["**/exercises/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: browser },
  },
  {
    // widget.py serves checker.js and widget.js as one module: these come from checker.js.
    files: ["**/exercises/widget.js"],
    languageOptions: {
      globals: Object.fromEntries(["check", "readLength", "plain", "strip", "chars", "NUM",
        "UNIT_MINUTES"].map((name) => [name, "readonly"])),
    },
  },
];
