export { rwaLiquidate as default } from "./actions.js";
