export { rwaRepay as default } from "./actions.js";
