export { withdraw as default } from "./actions.js";
