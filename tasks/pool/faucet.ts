export { faucet as default } from "./actions.js";
