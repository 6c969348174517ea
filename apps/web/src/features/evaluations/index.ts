export { EvaluatorEditor } from "./evaluator-editor";
export { EvaluatorsPage } from "./evaluators-page";
export { RuleEditor } from "./rule-editor";
export { RulePage } from "./rule-page";
export { RulesPage } from "./rules-page";
