// Prints the README's governance tier table from deploy/roles.ts (`npm run tiers`).
import { tierTableMarkdown } from "../deploy/tiers.js";

console.log(tierTableMarkdown());
