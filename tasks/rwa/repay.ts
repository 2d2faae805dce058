export { repayTask as default } from "./actions.js";
