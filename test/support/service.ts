/**
 * The language service for tests and the settings helper: the same as test/support/index.ts exports
 * (the one place that loads the compiled code), kept under this name for the tests that import it.
 */
export { ROOT, service, settingsWith } from '.';
export type {
  Rule,
  Finding,
  Fix,
  LintInput,
  LintResult,
  LintSettings,
  ProducerBlock,
  Severity,
  SeveritySetting,
  Span,
  TextEdit,
  Version,
} from '.';
