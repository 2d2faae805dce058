export { statusAction as default } from "./actions.js";
