export { flash as default } from "./actions.js";
