export { pauseAction as default } from "../gov/guardian-actions.js";
