export { account as default } from "./actions.js";
