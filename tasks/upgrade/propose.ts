export { proposeUpgradeAction as default } from "./actions.js";
