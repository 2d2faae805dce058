export { rehearseAction as default } from "./actions.js";
