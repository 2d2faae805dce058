export { liquidateTask as default } from "./actions.js";
