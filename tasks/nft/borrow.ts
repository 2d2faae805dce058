export { borrow as default } from "./actions.js";
