export { auctions as default } from "./actions.js";
