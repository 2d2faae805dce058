export { supply as default } from "./actions.js";
