export { bid as default } from "./actions.js";
