export { liquidate as default } from "./actions.js";
