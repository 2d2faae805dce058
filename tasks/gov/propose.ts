export { proposeAction as default } from "./actions.js";
