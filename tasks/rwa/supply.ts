export { supplyTask as default } from "./actions.js";
