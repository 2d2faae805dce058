export { buy as default } from "./actions.js";
