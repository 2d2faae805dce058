export { rwaSupply as default } from "./actions.js";
