/**
 * The one list of CLI commands, in help order. To add a command: write a CommandModule in its own file here and
 * list it.
 */
import type { CommandModule } from "../context.js";
import { demo } from "./demo.js";
import { events } from "./events.js";
import { exportCmd } from "./export.js";
import { extract } from "./extract.js";
import { ingest } from "./ingest.js";
import { parse } from "./parse.js";
import { queue } from "./queue.js";
import { search } from "./search.js";
import { serve } from "./serve.js";
import { show } from "./show.js";
import { stories } from "./stories.js";
import { timeline } from "./timeline.js";
import { watch } from "./watch.js";

export const COMMANDS: readonly CommandModule[] = [extract, parse, ingest, show, search, stories, timeline, events, exportCmd, queue, watch, serve, demo];
