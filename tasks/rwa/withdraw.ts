export { withdrawTask as default } from "./actions.js";
