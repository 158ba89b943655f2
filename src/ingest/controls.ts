/**
 * Control characters and terminal escape sequences: never article text, and dangerous on a terminal (an OSC
 * sequence in a title can set the window title, write to the clipboard or fake a prompt). Readers take them out of
 * what they read; the CLI takes them out of anything it prints that came from an input.
 */

// CSI (ESC [ or C1 0x9B) with its parameters and final byte, OSC (ESC ] or C1 0x9D) up to BEL or ST, any other
// ESC pair, and the C0/C1 controls other than tab and line breaks. Each alternative stops at the next ESC or at a
// character outside its class, so the scan is linear.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|(?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[@-Z\\-_]?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text without control characters and terminal escapes, with lone surrogates made U+FFFD; and how many went. */
export function stripControls(s: string): { text: string; removed: number } {
  let removed = 0;
  const text = s.replace(CONTROLS, (m) => {
    removed += m.length;
    return "";
  });
  return { text: text.replace(LONE_SURROGATE, "\ufffd"), removed };
}
