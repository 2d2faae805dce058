export { rwaWithdraw as default } from "./actions.js";
