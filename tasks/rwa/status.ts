export { statusTask as default } from "./actions.js";
