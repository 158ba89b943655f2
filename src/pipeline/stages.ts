/**
 * The one list of pipeline stages, in run order. Each stage reads what earlier ones added and adds its own layer.
 * To add a stage: write a StageFactory in its own module and register it here.
 */
import { eventsStage } from "../events/coder.js";
import { entitiesStage } from "../nlp/entities.js";
import { quotesStage } from "../nlp/quotes.js";
import { sentencesStage } from "../nlp/sentences.js";
import { syntaxStage } from "../nlp/syntax/stage.js";
import { timesStage } from "../nlp/times.js";
import type { StageFactory } from "./types.js";

export const STAGES: readonly StageFactory[] = [sentencesStage, syntaxStage, timesStage, entitiesStage, quotesStage, eventsStage];
