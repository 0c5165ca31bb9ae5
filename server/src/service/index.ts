/** The language service: a pure library (no vscode, no LSP connection, no I/O). */
export * from './types';
export { lint, formatOf, loadParser, parserToLoad, looksBinary, notLinted, parseDocument, resolveSeverity } from './lint';
export type { LazyParser } from './lint';
export { NOTICE_RULES, NOT_LINTED, isNotice, noticeFinding, noticeSeverity, errorSummary } from './notices';
export type { NoticeId } from './notices';
export type { LintOptions } from './lint';
export { hover } from './hover';
export { KEY_DOCS, IDEMPOTENCE_EXPLAINED } from './clients/java/hover';
export type { HoverResult, HoverContext, ClientHover } from './clients/client';
export { fixAll, safeFixAll, mapOffset, diffEdit, compatibleFixes, autoFixable } from './fixAll';
export type { FixAllResult, SafeFixResult } from './fixAll';
export { ALL_RULES, RULES_BY_ID } from './rules';
export { docsUrl, DOCS_BASE_URL, defineRule } from './rules/rule';
export type { Rule, RuleMeta, BlockContext } from './rules/rule';
export { LineIndex, applyEdits, detectEol } from './text';
export { parseVersion, versionLabel, LATEST_KAFKA_CLIENTS } from './version';
export { evaluateJava, effectiveJavaConfig, MSG as JAVA_MSG } from './clients/java/verdict';
export type { JavaVerdict, JavaEffectiveConfig, JavaOutcome, JavaRefusal } from './clients/java/verdict';
export { evaluateKafkaJs, kafkaJsVerdict, KJS_MSG } from './clients/kafkajs/verdict';
export { evaluatePlatformatic, platformaticVerdict, PLT_MSG } from './clients/platformatic/verdict';
export type { KafkaJsVerdict } from './clients/kafkajs/verdict';
export { parseProperties } from './formats/properties';
export { parseTypeScript } from './formats/typescript';
export { setTypeScriptLoader } from './formats/tsLazy';
export { evaluateLibrdkafka, librdkafkaVerdict, RDK_MSG, RDK_TOPIC_CONF_META } from './clients/librdkafka/verdict';
export type { LibrdkafkaVerdict, RdkConflict, RdkSetting } from './clients/librdkafka/verdict';
export { RDK, canonicalRdkKey, parseRdkValue, RDK_PROPERTIES } from './clients/librdkafka/config';
export { CONFIG_FILE_NAMES, validateProjectConfig, resolveProjectConfig, mergeSettings } from './projectSettings';
export type { ProjectConfig, SettingsOverrides, ClientSetting } from './projectSettings';
export { resolveSettings, layerSettings, editorSources, buildNeeds, withBuildFacts, isAutoVersion } from './settingsPrecedence';
export type {
  SettingsSources,
  ResolvedSettings,
  ProjectConfigResult,
  BuildDeclaration,
  BuildFacts,
  BuildNeeds,
} from './settingsPrecedence';
export {
  kafkaClientsInPom,
  kafkaClientsInGradle,
  kafkaClientsInVersionCatalog,
  pomProperty,
  gradleVariable,
  gradlePropertiesValue,
  describeBuildVersion,
  usableVersion,
  KAFKA_CLIENTS,
  SPRING_BOOT_KAFKA_PROPERTY,
} from './buildFiles';
export type { KafkaClientsDeclaration, Definition } from './buildFiles';
export { setJavaParser } from './formats/java/parser';
export type { JavaParser, JavaTree, JavaNode } from './formats/java/parser';
export { parseJava } from './formats/java/document';
export { effectiveProducer, effectiveProducers, effectiveDocument } from './effective';
export { blockVersion } from './clients/java/effective';
export { dialectLabel } from './dialects';
export { MIN_ISR_NOTE } from './clients/client';
export type { EffectiveProducer, EffectiveSetting, ProducerState, OriginKind } from './effective';
export { librdkafkaEffectiveConfig } from './clients/librdkafka/verdict';
export type { RdkEffectiveSetting } from './clients/librdkafka/verdict';
export { kafkaJsEffectiveConfig } from './clients/kafkajs/verdict';
export type { KjsEffectiveSetting } from './clients/kafkajs/verdict';
export { mayHoldProducer } from './prefilter';
