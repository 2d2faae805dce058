export { queueAction as default } from "./actions.js";
