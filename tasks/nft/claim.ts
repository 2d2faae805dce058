export { claim as default } from "./actions.js";
