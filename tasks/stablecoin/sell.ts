export { sell as default } from "./actions.js";
