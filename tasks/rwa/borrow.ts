export { rwaBorrow as default } from "./actions.js";
