export { safetyStatus as default } from "./actions.js";
