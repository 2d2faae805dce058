export { deposit as default } from "./actions.js";
