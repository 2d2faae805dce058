export { repay as default } from "./actions.js";
