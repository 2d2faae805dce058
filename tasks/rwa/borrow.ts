export { borrowTask as default } from "./actions.js";
