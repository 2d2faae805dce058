export { unstake as default } from "./actions.js";
