export { synthStatus as default } from "./actions.js";
