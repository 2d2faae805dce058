export { cooldown as default } from "./actions.js";
