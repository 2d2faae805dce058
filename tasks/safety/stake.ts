export { stake as default } from "./actions.js";
