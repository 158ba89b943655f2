/** What the CLI prints from inputs (titles, texts, file names, reasons) goes through here: no terminal escapes. */
import { stripControls } from "../ingest/controls.js";

/** `s` without control characters and escape sequences, line breaks and tabs kept. */
export const printable = (s: string): string => stripControls(s).text;

/** JSON for a terminal: C1 control characters (which JSON.stringify leaves raw) written as \u escapes; same data. */
export const terminalJson = (json: string): string => json.replace(/[\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
