export { cancelAction as default } from "./guardian-actions.js";
