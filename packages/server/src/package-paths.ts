// Files that ship beside the code. This module sits one level below the package root both as source
// (src/) and inside the bundle (dist/koe.js), so the same relative URL works in both.
import { fileURLToPath } from "node:url";

export const serverPackageRoot = fileURLToPath(new URL("../", import.meta.url));
/** The built admin app (packages/admin/dist). */
export const adminDistDir = fileURLToPath(new URL("../../admin/dist/", import.meta.url));
