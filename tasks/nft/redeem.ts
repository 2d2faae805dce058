export { redeem as default } from "./actions.js";
