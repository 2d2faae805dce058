export { settle as default } from "./actions.js";
