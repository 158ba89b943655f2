/**
 * The HTTP API contract's version (semver, independent of the package's): a new endpoint, parameter or optional
 * response field is a minor bump; removing or renaming one, or changing its meaning, is a major bump and a new
 * path prefix. docs/api.md lists the changes.
 */
export const API_VERSION = "1.0.0";
