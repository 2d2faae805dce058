export { rwaStatus as default } from "./actions.js";
