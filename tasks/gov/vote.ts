export { voteAction as default } from "./actions.js";
