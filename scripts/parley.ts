/**
 * The CLI run from source (`npx tsx scripts/parley.ts ingest …`), as bin/parley.js runs it from dist/: for tests
 * that start real processes without a build, and for development.
 */
import "../src/cli/bin.js";
