export { executeAction as default } from "./actions.js";
